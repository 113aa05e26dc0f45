namespace Recouvrement.Skills.Conversation;

/// <summary>
/// Builds button choices whose payloads carry a short tag of the question they belong to, so a button pressed on an
/// old message is recognised as stale instead of being read as an answer to a newer question.
/// </summary>
public sealed class ChoiceSet
{
    private readonly string _tag = Convert.ToHexString(BitConverter.GetBytes(Random.Shared.Next()))[..6].ToLowerInvariant();
    private readonly List<Choice> _choices = [];

    public ChoiceSet Add(string label, string action, string? value = null)
    {
        _choices.Add(new Choice($"{_tag}:{_choices.Count + 1}:{action}", label, action, value));
        return this;
    }

    public IReadOnlyList<Choice> ToList() => [.. _choices];
}
