using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace StatusGrid.Server.Ocpp;

/// <summary>
/// Reconnects without a PBKDF2 run each. PBKDF2 (about 20 ms of CPU here) is what makes a stolen hash slow to
/// guess; paying it on every reconnect made a fleet's reconnect storm CPU-bound (10,000 stations: ~200 s of CPU).
/// After a password verified against a stored hash, this silo remembers, per identity, that stored hash and an
/// HMAC-SHA256 of the password under a random key made at start and never stored. A later connect of that identity
/// with the same stored hash still registered is checked by comparing HMACs in constant time. What changes nothing:
/// a wrong password never gets in this way and still costs a full PBKDF2 (guessing stays slow), a changed password
/// or removed station no longer matches the remembered stored hash (full check), and the database keeps only the
/// hashes it had. What an attacker who can read this process's memory gains: the HMAC key and an HMAC per station, a fast
/// hash of a 16 to 40 character machine-made secret; such an attacker could read the passwords off the wire anyway.
/// </summary>
public sealed class VerifiedPasswords
{
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    /// <summary>
    /// PBKDF2 runs only with a slot of <see cref="PasswordHashingLimiter"/>; other connects wait without holding a
    /// thread, up to its queue bound. In a reconnect storm hundreds of upgrades at once each blocked a thread-pool
    /// thread for the whole hash, and the silo's own work (grain turns, membership timers) waited behind them: a fleet
    /// run saw timers fire 12 s late. Only PBKDF2 takes a slot: a remembered password and a right generated secret
    /// (<see cref="OcppPassword.IsFast"/>, microseconds) are let in at once, so a known station reconnecting and
    /// stations with generated secrets never queue behind (nor are refused for) a flood of supplied passwords.
    /// </summary>
    private readonly PasswordHashingLimiter _hashing;
    private readonly ConcurrentDictionary<string, (string StoredHash, byte[] Mac)> _verified = new(StringComparer.Ordinal);

    /// <summary>The PBKDF2 hash of a random secret that nobody knows: what a refusal without a stored PBKDF2 hash checks.</summary>
    private readonly string _dummyHash = OcppPassword.Hash(RandomNumberGenerator.GetBytes(OcppPassword.GeneratedBytes));

    private long _pbkdf2Runs;

    /// <summary>With the default slots and queue (tests).</summary>
    public VerifiedPasswords()
        : this(new PasswordHashingLimiter(PasswordHashingLimiter.DefaultSlots, new OcppOptions().PasswordCheckQueueLimit))
    {
    }

    public VerifiedPasswords(PasswordHashingLimiter hashing) => _hashing = hashing;

    /// <summary>Identities remembered (at most one entry per registered station that connected).</summary>
    public int Count => _verified.Count;

    /// <summary>PBKDF2 runs since start: what checks have cost in CPU (about 20 ms each).</summary>
    public long Pbkdf2Runs => Interlocked.Read(ref _pbkdf2Runs);

    /// <summary>
    /// Checks <paramref name="password"/> for <paramref name="identity"/>; <paramref name="storedHashes"/> is empty for
    /// an identity that is not registered. Only a right password is answered without PBKDF2.
    /// </summary>
    public async Task<PasswordCheck> VerifyAsync(string identity, byte[] password, IReadOnlyList<string> storedHashes, CancellationToken cancellationToken = default)
    {
        password = OcppPassword.Canonical(password);
        var mac = HMACSHA256.HashData(_key, password);
        if (_verified.TryGetValue(identity, out var known) && storedHashes.Contains(known.StoredHash)
            && CryptographicOperations.FixedTimeEquals(mac, known.Mac))
        {
            return PasswordCheck.Match;
        }

        if (storedHashes.FirstOrDefault(h => OcppPassword.IsFast(h) && OcppPassword.Verify(password, h)) is { } fast)
        {
            _verified[identity] = (fast, mac);
            return PasswordCheck.Match;
        }

        // Every refusal pays one PBKDF2 run in a slot: a wrong supplied password, a wrong guess at a generated secret,
        // and any password for an identity that does not exist. Answering the last two at once (microseconds against
        // ~20 ms, and 401 where a full limiter answers 503) told an attacker which identities are registered.
        using var slot = await _hashing.EnterAsync(cancellationToken);
        if (slot is null)
        {
            return PasswordCheck.Busy;
        }

        // One PBKDF2 run at most, the last stored: HashesFor stores one, of the canonical form. Records written before
        // hold two for a hex AuthorizationKey, its text's hash and then its bytes' hash, and only the bytes' hash can
        // match a canonical password; checking both cost a wrong guess two runs.
        var slow = storedHashes.LastOrDefault(h => !OcppPassword.IsFast(h));
        if (!Pbkdf2(password, slow ?? _dummyHash) || slow is null)
        {
            return PasswordCheck.NoMatch;
        }

        _verified[identity] = (slow, mac);
        return PasswordCheck.Match;
    }

    /// <summary>An identity that is no longer registered is forgotten.</summary>
    public void Forget(string identity) => _verified.TryRemove(identity, out _);

    private bool Pbkdf2(byte[] password, string stored)
    {
        Interlocked.Increment(ref _pbkdf2Runs);
        return OcppPassword.Verify(password, stored);
    }
}
