using Microsoft.SemanticKernel;

namespace Recouvrement.Skills.Assistant;

/// <summary>
/// The gate between the model and the store: a function that writes or contacts a debtor is never run from a model's
/// call, it becomes a proposal the owner confirms with a button. One call answers a turn, so the model never gets to
/// chain writes or restate figures.
/// </summary>
public sealed class ApprovalFilter(DateOnly today) : IAutoFunctionInvocationFilter
{
    public Proposal? Proposal { get; private set; }

    public async Task OnAutoFunctionInvocationAsync(AutoFunctionInvocationContext context, Func<AutoFunctionInvocationContext, Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (RecouvrementPlugin.Writes.Contains(context.Function.Name))
        {
            Proposal = Proposal.From(context.Function.Name, context.Arguments, today);
            context.Result = new FunctionResult(context.Function, "PENDING_APPROVAL");
        }
        else
        {
            await next(context).ConfigureAwait(false);
        }

        context.Terminate = true;
    }
}
