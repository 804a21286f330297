namespace StatusGrid.Server.Ocpp;

/// <summary>The outcome of an OCPP password check (<see cref="VerifiedPasswords.VerifyAsync"/>).</summary>
public enum PasswordCheck
{
    /// <summary>The password matches one of the stored hashes.</summary>
    Match,

    /// <summary>It matches none (or there were none).</summary>
    NoMatch,

    /// <summary>
    /// Not checked: it needed PBKDF2, every slot was busy and the queue was full (<see cref="PasswordHashingLimiter"/>).
    /// Says nothing about the password.
    /// </summary>
    Busy,
}
