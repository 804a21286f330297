using System.Buffers;
using System.Text.Json;
using StatusGrid.Ocpi.Validation;

namespace StatusGrid.Ocpi.Json;

/// <summary>
/// Reads a JSON array from a stream item by item, with the same outcome as parsing the whole document and then
/// <see cref="ElementReader.ReadArray{T}"/>: each item becomes a small <see cref="JsonDocument"/> of its own and goes
/// through the same structure check, deserialisation and validator, so the file is never held as one document.
/// </summary>
/// <remarks>
/// One <see cref="Utf8JsonReader"/> state runs over the whole stream (refilled chunk by chunk), so syntax errors carry
/// the same line and byte as a whole-document parse; a syntax error anywhere discards the item errors gathered before
/// it, as the whole-document parse would never have reached validation. A document that is not an array is read to
/// its end first for the same reason.
/// </remarks>
internal sealed class ArrayStreamReader<T>
    where T : class
{
    private const int FirstBufferSize = 64 * 1024;

    private const int ProgressEvery = 1000;

    private readonly OcpiVersion _version;
    private readonly Action<ValidationContext, string, T> _validate;
    private readonly IProgress<OcpiStreamProgress>? _progress;
    private readonly List<T> _items = [];
    private readonly List<OcpiValidationError> _errors = [];

    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(FirstBufferSize);
    private int _start;
    private int _end;
    private long _total;
    private JsonReaderState _state = new(JsonDocuments.ReaderOptions);
    private Phase _phase = Phase.Root;
    private JsonTokenType _rootToken;
    private int _index;
    private OcpiValidationError? _syntaxError;

    private ArrayStreamReader(OcpiVersion version, Action<ValidationContext, string, T> validate, IProgress<OcpiStreamProgress>? progress)
    {
        _version = version;
        _validate = validate;
        _progress = progress;
    }

    private enum Phase
    {
        Root,
        Items,
        AfterRoot,
        Done,
    }

    public static async Task<OcpiParseResult<IReadOnlyList<T>>> ReadAsync(
        Stream utf8Json, OcpiVersion version, Action<ValidationContext, string, T> validate, IProgress<OcpiStreamProgress>? progress, CancellationToken cancellationToken)
    {
        var reader = new ArrayStreamReader<T>(version, validate, progress);
        try
        {
            var final = false;
            while (true)
            {
                reader.Process(final);
                if (reader._phase == Phase.Done)
                {
                    return reader.Result();
                }

                reader.MakeRoom();
                var read = await utf8Json.ReadAsync(reader._buffer.AsMemory(reader._end), cancellationToken).ConfigureAwait(false);
                reader._end += read;
                reader._total += read;
                final = read == 0;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(reader._buffer);
        }
    }

    private OcpiParseResult<IReadOnlyList<T>> Result()
    {
        if (_syntaxError is not null)
        {
            return new OcpiParseResult<IReadOnlyList<T>>(null, [_syntaxError]);
        }

        if (_rootToken != JsonTokenType.StartArray)
        {
            return new OcpiParseResult<IReadOnlyList<T>>(null,
                [new OcpiValidationError(string.Empty, $"expected a JSON array of {typeof(T).Name}, but the document is {ElementReader.Describe(KindOf(_rootToken))}")]);
        }

        return new OcpiParseResult<IReadOnlyList<T>>(ValueList.From<T>(_items), _errors);
    }

    /// <summary>Consumes every complete token the buffer holds; stops before a value that is not complete yet.</summary>
    private void Process(bool final)
    {
        var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), final, _state);
        try
        {
            while (_phase != Phase.Done && Step(ref reader, final))
            {
            }
        }
        catch (JsonException ex)
        {
            _syntaxError = JsonDocuments.Describe(ex, _total == 0);
            _phase = Phase.Done;
            return;
        }

        _start += (int)reader.BytesConsumed;
        _state = reader.CurrentState;
    }

    /// <summary>One token or one whole item; false when the buffer ends first (the reader is left before it).</summary>
    private bool Step(ref Utf8JsonReader reader, bool final)
    {
        var before = reader;
        switch (_phase)
        {
            case Phase.Root:
                if (!reader.Read())
                {
                    return NeedMore(ref reader, before, final);
                }

                _rootToken = reader.TokenType;
                if (_rootToken == JsonTokenType.StartArray)
                {
                    _phase = Phase.Items;
                    return true;
                }

                // Not an array: still read to its end, as a syntax error after it would be reported first.
                if (!reader.TrySkip())
                {
                    return NeedMore(ref reader, before, final);
                }

                _phase = Phase.AfterRoot;
                return true;
            case Phase.Items:
                if (!reader.Read())
                {
                    return NeedMore(ref reader, before, final);
                }

                if (reader.TokenType == JsonTokenType.EndArray)
                {
                    _phase = Phase.AfterRoot;
                    return true;
                }

                var start = reader;
                if (!reader.TrySkip())
                {
                    return NeedMore(ref reader, before, final);
                }

                ReadItem(ref start);
                return true;
            case Phase.AfterRoot:
                if (reader.Read())
                {
                    // Unreachable with these reader options: a second value throws. Kept as a syntax error anyway.
                    throw new JsonException("unexpected data after the JSON value");
                }

                if (final)
                {
                    _phase = Phase.Done;
                }

                return false;
            default:
                return false;
        }
    }

    private static bool NeedMore(ref Utf8JsonReader reader, Utf8JsonReader before, bool final)
    {
        // A final block never runs short: the reader throws instead.
        if (final)
        {
            throw new JsonException("unexpected end of data");
        }

        reader = before;
        return false;
    }

    private void ReadItem(ref Utf8JsonReader start)
    {
        using var item = JsonDocument.ParseValue(ref start);
        var value = ElementReader.Read(item.RootElement, JsonPaths.Item(string.Empty, _index++), _version, _validate, _errors);
        if (value is not null)
        {
            _items.Add(value);
        }

        if (_index % ProgressEvery == 0)
        {
            _progress?.Report(new OcpiStreamProgress(_index, _items.Count, _total));
        }
    }

    /// <summary>Moves the unread bytes to the front, and doubles the buffer when one value fills all of it.</summary>
    private void MakeRoom()
    {
        var pending = _end - _start;
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, pending);
            _start = 0;
            _end = pending;
        }

        if (_end == _buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            Buffer.BlockCopy(_buffer, 0, larger, 0, pending);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }
    }

    private static JsonValueKind KindOf(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => JsonValueKind.Object,
        JsonTokenType.StartArray => JsonValueKind.Array,
        JsonTokenType.String => JsonValueKind.String,
        JsonTokenType.Number => JsonValueKind.Number,
        JsonTokenType.True => JsonValueKind.True,
        JsonTokenType.False => JsonValueKind.False,
        _ => JsonValueKind.Null,
    };
}
