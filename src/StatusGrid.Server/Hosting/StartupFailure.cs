using Microsoft.Extensions.Options;

namespace StatusGrid.Server.Hosting;

/// <summary>
/// How a start that fails ends: with a message on standard error and exit code 1. A refused configuration (weak keys
/// outside Development, a connection string that does not parse, invalid options) says what to set, so the message is
/// all an operator needs; anything else also gets its stack trace. Unhandled, both ended in an abort (exit 134).
/// </summary>
public static class StartupFailure
{
    public static int Report(Exception exception, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(error);
        if (exception is InvalidOperationException or OptionsValidationException)
        {
            error.WriteLine($"StatusGrid did not start: {exception.Message}");
        }
        else
        {
            error.WriteLine($"StatusGrid did not start: {exception}");
        }

        return 1;
    }
}
