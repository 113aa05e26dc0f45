namespace Recouvrement.Skills.Conversation;

/// <summary>Each message is written in both languages where it is used; this picks the reader's.</summary>
public static class Say
{
    public static string Pick(string lang, string fr, string en) => lang == "en" ? en : fr;
}
