using Dapper;
using Recouvrement.Skills.Assistant;
using Recouvrement.Skills.Conversation;
using Recouvrement.Skills.Understanding;
using Recouvrement.Tests.Support;

namespace Recouvrement.Tests.Assistant;

/// <summary>The optional model behind the real Semantic Kernel OpenAI connector, against a loopback fake endpoint.</summary>
public sealed class AssistantTests
{
    private const string FreeForm = "est-ce que quelqu'un traîne à me régler";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ChatDriver Chat(TestStore store, LlmAssistant assistant) =>
        new(store) { Engine = new TurnEngine(store.Db, new Recognizer(), Kits.For(store, new ScriptedSender()), null, null, assistant) };

    private static LlmAssistant Model(string endpoint, int timeoutSeconds = 5, int budget = 50_000) =>
        new(new AssistantOptions { Endpoint = endpoint, Model = "fake-model", ApiKey = "sk-test", TimeoutSeconds = timeoutSeconds, DailyTokenBudget = budget }, Kits.Templates);

    /// <summary>A fake endpoint, a fresh store and an owner chatting with the model configured.</summary>
    private sealed class Rig(FakeOpenAi fake, TestStore store, LlmAssistant model) : IAsyncDisposable
    {
        public FakeOpenAi Fake => fake;
        public TestStore Store => store;
        public ChatDriver Chat { get; } = AssistantTests.Chat(store, model);

        public static async Task<Rig> StartAsync(int timeoutSeconds = 5, int budget = 50_000)
        {
            var fake = await FakeOpenAi.StartAsync();
            return new Rig(fake, await TestStore.CreateAsync(), Model(fake.Endpoint, timeoutSeconds, budget));
        }

        public async ValueTask DisposeAsync()
        {
            model.Dispose();
            await store.DisposeAsync();
            await fake.DisposeAsync();
        }
    }

    private static Task<long> CountAsync(TestStore store, string sql) => store.Db.ReadAsync(s => s.Connection.ExecuteScalarAsync<long>(sql), Ct);

    private static async Task SeedAsync(ChatDriver chat)
    {
        await chat.SayAsync("facture Dupont SARL 1 200 € échéance 01/11/2026");
        Assert.Equal(1, await CountAsync(chat.Store, "SELECT COUNT(*) FROM invoices"));
    }

    [Fact]
    public void Recognize_FreeFormMessage_IsUnknownSoItGoesToTheModel()
    {
        Assert.Equal(Intents.Unknown, new Recognizer().Recognize(FreeForm, new DateOnly(2026, 11, 23)).Intent);
    }

    [Fact]
    public async Task Route_FreeFormMessage_ToolCallRunsTheHandlerAndShowsItsReply()
    {
        await using var rig = await Rig.StartAsync();
        var (fake, store, chat) = (rig.Fake, rig.Store, rig.Chat);
        await SeedAsync(chat);
        var deterministic = await chat.SayAsync("qui me doit ?");
        fake.Script.Enqueue(_ => FakeOpenAi.ToolCall("who_owes_me", new { }));

        var reply = await chat.SayAsync(FreeForm);

        Assert.Equal(deterministic, reply);
        var request = Assert.Single(fake.Requests);
        Assert.Contains("\"Recouvrement-who_owes_me\"", request, StringComparison.Ordinal);
        Assert.Contains("\"Recouvrement-log_invoice\"", request, StringComparison.Ordinal);
        Assert.Contains("jamais par toi", request, StringComparison.Ordinal);
        Assert.Equal(FreeForm, FakeOpenAi.LastUserMessage(request));
        Assert.Equal(99, await CountAsync(store, "SELECT tokens FROM llm_usage"));
    }

    [Fact]
    public async Task Route_EnglishOwner_EnglishPromptAndEnglishHandlerReply()
    {
        await using var rig = await Rig.StartAsync();
        var (fake, store, chat) = (rig.Fake, rig.Store, rig.Chat);
        await chat.SayAsync("invoice Acme Ltd €2,000 due 2026-11-01");
        var deterministic = await chat.SayAsync("who owes me?");
        fake.Script.Enqueue(_ => FakeOpenAi.ToolCall("client_status", new { client = "Acme Ltd" }));

        var reply = await chat.SayAsync("is anybody dragging their feet with me");

        Assert.Contains("never by you", Assert.Single(fake.Requests), StringComparison.Ordinal);
        Assert.Contains("Acme Ltd", reply, StringComparison.Ordinal);
        Assert.Contains("2,000.00", deterministic, StringComparison.Ordinal);
        Assert.Contains("2,000.00", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Route_SecondMessage_CarriesTheRecentHistory()
    {
        await using var rig = await Rig.StartAsync();
        var (fake, store, chat) = (rig.Fake, rig.Store, rig.Chat);
        fake.Script.Enqueue(_ => FakeOpenAi.Text("Je m'occupe de vos factures impayées."));

        Assert.Contains("Je m'occupe de vos factures impayées.", await chat.SayAsync("raconte-moi une blague"), StringComparison.Ordinal);
        await chat.SayAsync("et une autre");

        var second = fake.Requests.Last();
        Assert.Contains("raconte-moi une blague", second, StringComparison.Ordinal);
        Assert.Contains("Je m'occupe de vos factures impayées.", second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Route_ModelCallsLogInvoice_NothingSavedUntilTheOwnerConfirms()
    {
        await using var rig = await Rig.StartAsync();
        var (fake, store, chat) = (rig.Fake, rig.Store, rig.Chat);
        fake.Script.Enqueue(_ => FakeOpenAi.ToolCall("log_invoice", new { client = "Dupont SARL", amount = "1 500 €", due_date = "à 30 jours" }));

        var proposal = await chat.SayAsync("ajoute le chantier de la semaine pour Dupont SARL, mille cinq cents");

        Assert.Contains("Je propose : enregistrer une facture de 1 500,00 € pour Dupont SARL, échéance le 23/12/2026", proposal.Replace('\u202F', ' ').Replace('\u00A0', ' '), StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(store, "SELECT COUNT(*) FROM invoices"));
        Assert.Single(fake.Requests);

        await chat.PressAsync("Confirmer");

        Assert.Equal(150_000, await CountAsync(store, "SELECT amount_cents FROM invoices"));
        Assert.Equal(1, await CountAsync(store, "SELECT COUNT(*) FROM invoices WHERE due_date = '2026-12-23'"));
    }

    [Fact]
    public async Task Route_ModelCallsLogInvoice_CancelSavesNothing()
    {
        await using var rig = await Rig.StartAsync();
        var (fake, store, chat) = (rig.Fake, rig.Store, rig.Chat);
        fake.Script.Enqueue(_ => FakeOpenAi.ToolCall("record_payment", new { client = "Dupont SARL", amount = "500" }));

        Assert.Contains("enregistrer un paiement", await chat.SayAsync("Dupont s'est enfin décidé, les sous sont arrivés"), StringComparison.Ordinal);
        Assert.Contains("rien n'a été enregistré", await chat.PressAsync("Annuler"), StringComparison.Ordinal);

        Assert.Equal(0, await CountAsync(store, "SELECT COUNT(*) FROM payments"));
    }

    [Fact]
    public async Task Polish_ModelAltersTheAmount_RewriteRejectedTemplateKept()
    {
        await using var rig = await Rig.StartAsync();
        var (fake, store, chat) = (rig.Fake, rig.Store, rig.Chat);
        await SeedAsync(chat);
        await chat.SayAsync("relance Dupont SARL");
        var before = await store.Db.ReadAsync(s => s.Connection.ExecuteScalarAsync<string>("SELECT body FROM drafts"), Ct);
        fake.Script.Enqueue(body => FakeOpenAi.Text(FakeOpenAi.LastUserMessage(body).Split("réécrit.\n\n")[1].Replace("200,00", "300,00", StringComparison.Ordinal)));

        var reply = await chat.SayAsync("rends-la plus chaleureuse");

        Assert.Contains("je l'ai écartée et garde le texte calculé", reply, StringComparison.Ordinal);
        Assert.Equal(before, await store.Db.ReadAsync(s => s.Connection.ExecuteScalarAsync<string>("SELECT body FROM drafts"), Ct));
    }

    [Fact]
    public async Task Polish_SameFigures_DraftRewordedAndStillAwaitsApproval()
    {
        await using var rig = await Rig.StartAsync();
        var (fake, store, chat) = (rig.Fake, rig.Store, rig.Chat);
        await SeedAsync(chat);
        await chat.SayAsync("relance Dupont SARL");
        fake.Script.Enqueue(body => FakeOpenAi.Text("J'espère que vous allez bien.\n" + FakeOpenAi.LastUserMessage(body).Split("réécrit.\n\n")[1]));

        var reply = await chat.SayAsync("plus chaleureux stp");

        Assert.Contains("Version plus chaleureuse (chiffres vérifiés)", reply, StringComparison.Ordinal);
        Assert.Contains("J'espère que vous allez bien.", reply, StringComparison.Ordinal);
        Assert.Equal(1, await CountAsync(store, "SELECT COUNT(*) FROM drafts WHERE status = 'pending' AND body LIKE 'J''espère%'"));
        Assert.Equal(0, await CountAsync(store, "SELECT COUNT(*) FROM outbox"));
    }

    [Fact]
    public async Task Polish_NoPendingDraft_SaysSoOrDraftsWhenAskedFor()
    {
        await using var rig = await Rig.StartAsync();
        var (fake, chat) = (rig.Fake, rig.Chat);
        await SeedAsync(chat);

        Assert.Contains("Aucun brouillon en attente à retoucher", await chat.SayAsync("plus ferme stp"), StringComparison.Ordinal);
        Assert.Contains("Dupont SARL", await chat.SayAsync("relance Dupont SARL plus ferme"), StringComparison.Ordinal);

        Assert.Equal(1, await CountAsync(rig.Store, "SELECT COUNT(*) FROM drafts WHERE status = 'pending'"));
        Assert.Empty(fake.Requests);
    }

    [Fact]
    public async Task Route_EndpointDown_DeterministicAnswer()
    {
        await using var store = await TestStore.CreateAsync();
        using var model = Model("http://127.0.0.1:1/v1");

        var reply = await Chat(store, model).SayAsync(FreeForm);

        Assert.Contains("Je n'ai pas compris", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Route_EndpointSlow_DeterministicAnswerAfterTheTimeout()
    {
        await using var rig = await Rig.StartAsync(timeoutSeconds: 1);
        var (fake, chat) = (rig.Fake, rig.Chat);
        fake.Delay = TimeSpan.FromSeconds(10);
        fake.Script.Enqueue(_ => FakeOpenAi.ToolCall("who_owes_me", new { }));

        var reply = await chat.SayAsync(FreeForm);

        Assert.Contains("Je n'ai pas compris", reply, StringComparison.Ordinal);
        Assert.Single(fake.Requests);
    }

    [Fact]
    public async Task Route_EndpointError_DeterministicAnswer()
    {
        await using var rig = await Rig.StartAsync();
        var (fake, chat) = (rig.Fake, rig.Chat);
        fake.Script.Enqueue(_ => null);

        Assert.Contains("Je n'ai pas compris", await chat.SayAsync(FreeForm), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Route_DailyBudgetSpent_ModelNotCalledAgainToday()
    {
        await using var rig = await Rig.StartAsync(budget: 50);
        var (fake, store, chat) = (rig.Fake, rig.Store, rig.Chat);
        fake.Script.Enqueue(_ => FakeOpenAi.ToolCall("who_owes_me", new { }));
        await chat.SayAsync(FreeForm);

        var reply = await chat.SayAsync(FreeForm);

        Assert.Contains("Je n'ai pas compris", reply, StringComparison.Ordinal);
        Assert.Single(fake.Requests);
        chat.Now = chat.Now.AddDays(1);
        await chat.SayAsync(FreeForm);
        Assert.Equal(2, fake.Requests.Count);
    }

    [Fact]
    public async Task Route_ModelTextWithFigures_NotShown()
    {
        await using var rig = await Rig.StartAsync();
        var (fake, chat) = (rig.Fake, rig.Chat);
        fake.Script.Enqueue(_ => FakeOpenAi.Text("Dupont vous doit 3 000 €."));

        var reply = await chat.SayAsync(FreeForm);

        Assert.DoesNotContain("3 000", reply, StringComparison.Ordinal);
        Assert.Contains("Je n'ai pas compris", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Route_NoModelConfigured_NothingCalledSameAnswerAsBefore()
    {
        await using var store = await TestStore.CreateAsync();
        using var model = new LlmAssistant(new AssistantOptions(), Kits.Templates);

        Assert.False(model.Enabled);
        Assert.Equal(await new ChatDriver(store, "other").SayAsync(FreeForm), await Chat(store, model).SayAsync(FreeForm));
    }

    [Fact]
    public void ProposalFrom_OverlongOrUnreadableArguments_LeftForTheHandlerToAsk()
    {
        var p = Proposal.From("log_invoice", new Microsoft.SemanticKernel.KernelArguments { ["client"] = new string('x', 5000), ["amount"] = "beaucoup", ["due_date"] = "le 31 février" }, new DateOnly(2026, 11, 23));

        Assert.Null(p.Client);
        Assert.Null(p.AmountCents);
        Assert.Null(p.DueDate);
    }

    [Theory]
    [InlineData("Total : **1 200,50 €**, échue le 15/12/2026 (L441-10).", "Montant : 1\u202F200,50 € — échéance 15/12/2026, article L441-10.", true)]
    [InlineData("Total : 1 200,50 € au 15/12/2026", "Total : 1 300,50 € au 15/12/2026", false)]
    [InlineData("Total : 1 200,50 € au 15/12/2026", "Total : 1 200,50 € au 16/12/2026", false)]
    [InlineData("Indemnité de 40 € (D441-5)", "Indemnité forfaitaire (D441-5)", false)]
    [InlineData("Facture F-2026-041", "Facture F-2026-041, merci d'avance, 8 jours", false)]
    public void Same_ComputedAndRewritten_FiguresCompared(string computed, string rewritten, bool same)
    {
        Assert.Equal(same, Figures.Same(computed, rewritten));
    }

    [Theory]
    [InlineData("rends-la plus chaleureuse", true)]
    [InlineData("plus ferme pour Dupont", false)]
    [InlineData("make it warmer", true)]
    [InlineData("firmer please", false)]
    [InlineData("qui me doit ?", null)]
    public void PolishDirection_OwnerPhrasing_Read(string text, bool? warmer)
    {
        Assert.Equal(warmer, LlmAssistant.PolishDirection(text));
    }
}
