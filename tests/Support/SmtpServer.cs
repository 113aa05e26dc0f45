using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using MimeKit;
using Recouvrement.Bot.Email;

namespace Recouvrement.Tests.Support;

/// <summary>A real SMTP server on loopback (python3-aiosmtpd, installed by .ci/run), for one test class.</summary>
public sealed class SmtpServer : IAsyncLifetime
{
    private Process? _process;

    public int Port { get; private set; }
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "recouvrement-smtp", Guid.NewGuid().ToString("N"));

    public MailKitEmailSender Sender(int? port = null) => new(Options.Create(new SmtpOptions
    {
        Host = "127.0.0.1",
        Port = port ?? Port,
        From = "Atelier Nova <factures@atelier-nova.fr>",
        UseTls = false,
        TimeoutSeconds = 5,
    }));

    public async ValueTask InitializeAsync()
    {
        Port = FreePort();
        Directory.CreateDirectory(Folder);
        var script = Path.Combine(AppContext.BaseDirectory, "Support", "smtp_server.py");
        // Debian's python3 is the one that has python3-aiosmtpd.
        var python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
        _process = Process.Start(new ProcessStartInfo(python, [script, Port.ToString(System.Globalization.CultureInfo.InvariantCulture), Folder])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("Could not start the SMTP test server.");
        var ready = await _process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(20));
        if (ready != "ready")
            throw new InvalidOperationException("The SMTP test server did not start (is python3-aiosmtpd installed?): " + await _process.StandardError.ReadToEndAsync());
    }

    public ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
            _process.Kill(entireProcessTree: true);
        _process?.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Messages received so far, oldest first, parsed by MimeKit.</summary>
    public IReadOnlyList<(string RcptTo, MimeMessage Message)> Received()
    {
        var list = new List<(string, MimeMessage)>();
        foreach (var file in Directory.GetFiles(Folder, "*.eml").OrderBy(f => int.Parse(Path.GetFileNameWithoutExtension(f), System.Globalization.CultureInfo.InvariantCulture)))
        {
            using var stream = File.OpenRead(file);
            using var reader = new StreamReader(stream);
            var first = reader.ReadLine() ?? string.Empty;
            stream.Position = first.Length + 2;
            list.Add((first["X-Rcpt-To: ".Length..], MimeMessage.Load(stream)));
        }

        return list;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
