using Microsoft.Extensions.Configuration;
using Recouvrement.Data;
using Recouvrement.Skills.Conversation;

namespace Recouvrement.Bot.Console;

/// <summary>
/// Where the terminal puts the documents and pictures it is given (`Documents:Folder`, by default a « documents »
/// folder beside the embedded store in the user's data folder). A name already taken gets « -2 », « -3 »…: nothing
/// an earlier reply wrote is overwritten.
/// </summary>
public sealed class DocumentFolder(string path)
{
    public const string Section = "Documents";

    public string Path { get; } = path;

    public static DocumentFolder From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var configured = configuration[$"{Section}:Folder"];
        return new DocumentFolder(string.IsNullOrWhiteSpace(configured)
            ? System.IO.Path.Combine(System.IO.Path.GetDirectoryName(Database.DefaultPath())!, "documents")
            : configured);
    }

    /// <summary>Writes the file and returns its full path.</summary>
    public async Task<string> SaveAsync(ReplyAttachment file, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(file);
        Directory.CreateDirectory(Path);
        // Only the file's own name is used: a name never climbs out of the folder.
        var name = System.IO.Path.GetFileName(file.FileName);
        if (name.Length == 0)
            name = "document";
        var stem = System.IO.Path.GetFileNameWithoutExtension(name);
        var extension = System.IO.Path.GetExtension(name);
        for (var n = 1; ; n++)
        {
            var target = System.IO.Path.Combine(Path, n == 1 ? name : $"{stem}-{n}{extension}");
            try
            {
                await using var stream = new FileStream(target, FileMode.CreateNew, FileAccess.Write);
                await stream.WriteAsync(file.Content, ct).ConfigureAwait(false);
                return System.IO.Path.GetFullPath(target);
            }
            catch (IOException) when (File.Exists(target))
            {
                // Taken: try the next number.
            }
        }
    }
}
