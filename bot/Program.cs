using Recouvrement.Bot.Cli;

return await Verbs.RunAsync(args).ConfigureAwait(false);
