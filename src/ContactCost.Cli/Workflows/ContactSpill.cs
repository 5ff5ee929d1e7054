using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using ContactCost.Costing;
using ContactCost.Interactions;

namespace ContactCost.Cli.Workflows;

/// <summary>
/// The period's interactions as costing needs them (<see cref="ContactFacts"/> and the rated usage), written
/// by a file report's rating pass to a temporary file and read back in the same order by its costing pass,
/// so the files are read, checked and rated once. About 30 bytes an interaction: start times as deltas,
/// durations and amounts as variable-length integers, queues and agents as numbers into tables written
/// inline the first time each name appears. The file loses its name as soon as it is open (on Windows, the
/// system deletes it when its handle closes), so nothing is left behind, even by a killed process.
/// </summary>
internal sealed class ContactSpill : IDisposable
{
    private const int BlockSize = 1 << 16;

    // The flags byte: the channel in the low four bits, then the three yes/no facts.
    private const byte Handled = 0x10, Abandoned = 0x20, Resolved = 0x40;

    private readonly FileStream file;
    private readonly bool keepIds;
    private readonly bool keepLinks;
    private readonly Names queues = new(), agents = new();
    private byte[] block = new byte[BlockSize];
    private int length;
    private long lastStart;
    private bool reading;

    /// <summary>
    /// An empty spill in the temporary folder (<c>TMPDIR</c>). <paramref name="keepIds"/> keeps each interaction's id
    /// (links are followed, or episodes are listened to); <paramref name="keepLinks"/> keeps the link column.
    /// </summary>
    public ContactSpill(bool keepIds, bool keepLinks)
    {
        this.keepIds = keepIds;
        this.keepLinks = keepLinks;
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"ccost-report-{Guid.NewGuid():N}.tmp");
        try
        {
            file = new FileStream(Path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, bufferSize: 0, FileOptions.DeleteOnClose);

            // Where an open file can lose its name, it does at once: a killed process leaves nothing behind.
            if (!OperatingSystem.IsWindows())
                File.Delete(Path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CommandFailedException($"Cannot create the report's working file {Path}: {e.Message} Set TMPDIR to a writable folder.");
        }
    }

    /// <summary>Where the spill is written.</summary>
    public string Path { get; }

    /// <summary>True when the link column is kept, so that episodes can follow links.</summary>
    public bool KeepsLinks => keepLinks;

    /// <summary>How many interactions were added.</summary>
    public long Count { get; private set; }

    /// <summary>Adds the next interaction (in start order) with its rated usage in minor units.</summary>
    public void Add(in ContactFacts contact, long usageMinor)
    {
        if (reading)
            throw new InvalidOperationException("The spill is being read back; nothing more can be added.");
        var worst = 64 + MaxBytes(contact.Customer) + (keepIds ? MaxBytes(contact.Id) : 0) + (keepLinks ? MaxBytes(contact.Link) : 0)
            + MaxBytes(contact.Queue) + MaxBytes(contact.Agent);
        if (length + worst > block.Length)
        {
            WriteBlock();
            if (worst > block.Length)
                block = new byte[worst];
        }

        var flags = (byte)((int)contact.Channel
            | (contact.IsHandled ? Handled : 0) | (contact.IsAbandoned ? Abandoned : 0) | (contact.IsResolved ? Resolved : 0));
        block[length++] = flags;
        WriteSigned(contact.StartTicks - lastStart);
        lastStart = contact.StartTicks;
        WriteUnsigned((ulong)(contact.EndTicks - contact.StartTicks));
        WriteUnsigned((ulong)contact.HandleMilliseconds);
        WriteSigned(usageMinor);
        WriteName(queues, contact.Queue);
        WriteName(agents, contact.Agent);
        WriteText(contact.Customer);
        if (keepIds)
            WriteText(contact.Id);
        if (keepLinks)
            WriteText(contact.Link);
        Count++;
    }

    /// <summary>Every interaction added, in the order added; read once, after the last <see cref="Add"/>.</summary>
    public IEnumerable<(ContactFacts Contact, long UsageMinor)> ReadBack()
    {
        if (reading)
            throw new InvalidOperationException("The spill is read back once.");
        reading = true;
        WriteBlock();
        file.Position = 0;
        var start = 0L;
        var queueNames = new List<string>();
        var agentNames = new List<string>();
        var header = new byte[sizeof(int)];
        while (file.Position < file.Length)
        {
            file.ReadExactly(header);
            var size = BinaryPrimitives.ReadInt32LittleEndian(header);
            if (size > block.Length)
                block = new byte[size];
            file.ReadExactly(block, 0, size);
            var position = 0;
            while (position < size)
            {
                var flags = block[position++];
                start += ReadSigned(block, ref position);
                var end = start + (long)ReadUnsigned(block, ref position);
                var handle = (long)ReadUnsigned(block, ref position);
                var usage = ReadSigned(block, ref position);
                var (queue, queueNumber) = ReadName(block, ref position, queueNames);
                var (agent, agentNumber) = ReadName(block, ref position, agentNames);
                var customer = ReadText(block, ref position);
                var id = keepIds ? ReadText(block, ref position) : null;
                var link = keepLinks ? ReadText(block, ref position) : null;
                yield return (new ContactFacts
                {
                    Id = id,
                    Channel = (Channel)(flags & 0xF),
                    StartTicks = start,
                    EndTicks = end,
                    HandleMilliseconds = handle,
                    IsHandled = (flags & Handled) != 0,
                    IsAbandoned = (flags & Abandoned) != 0,
                    IsResolved = (flags & Resolved) != 0,
                    Queue = queue,
                    QueueNumber = queueNumber,
                    Agent = agent,
                    AgentNumber = agentNumber,
                    Customer = customer,
                    Link = link,
                }, usage);
            }
        }
    }

    public void Dispose() => file.Dispose();

    private void WriteBlock()
    {
        if (length == 0)
            return;
        Span<byte> header = stackalloc byte[sizeof(int)];
        BinaryPrimitives.WriteInt32LittleEndian(header, length);
        try
        {
            file.Write(header);
            file.Write(block, 0, length);
        }
        catch (IOException e)
        {
            throw new CommandFailedException($"Writing the report's working file {Path} failed: {e.Message} Free space there, or set TMPDIR to a folder with room (about 30 bytes an interaction).");
        }

        length = 0;
    }

    private static int MaxBytes(string? text) => text is null ? 0 : 5 + Encoding.UTF8.GetMaxByteCount(text.Length);

    private void WriteUnsigned(ulong value)
    {
        while (value >= 0x80)
        {
            block[length++] = unchecked((byte)(value | 0x80));
            value >>= 7;
        }

        block[length++] = (byte)value;
    }

    // Zig-zag, so that small negative numbers stay short.
    private void WriteSigned(long value) => WriteUnsigned(unchecked((ulong)((value << 1) ^ (value >> 63))));

    // Null as 0, else the UTF-8 length + 1 and the bytes.
    private void WriteText(string? text)
    {
        if (text is null)
        {
            block[length++] = 0;
            return;
        }

        WriteUnsigned((ulong)Encoding.UTF8.GetByteCount(text) + 1);
        length += Encoding.UTF8.GetBytes(text, block.AsSpan(length));
    }

    // A name as its number in the table (from 1; 0 for none), followed by the name itself the first time.
    private void WriteName(Names names, string? name)
    {
        if (name is null)
        {
            block[length++] = 0;
            return;
        }

        WriteUnsigned((ulong)names.NumberOf(name, out var isNew));
        if (isNew)
            WriteText(name);
    }

    private static ulong ReadUnsigned(byte[] buffer, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = buffer[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
                return value;
        }
    }

    private static long ReadSigned(byte[] buffer, ref int position)
    {
        var value = ReadUnsigned(buffer, ref position);
        return unchecked((long)(value >> 1) ^ -(long)(value & 1));
    }

    private static string? ReadText(byte[] buffer, ref int position)
    {
        var size = (int)ReadUnsigned(buffer, ref position);
        if (size == 0)
            return null;
        var text = Encoding.UTF8.GetString(buffer, position, size - 1);
        position += size - 1;
        return text;
    }

    // A name as its number in the table + 1 (0 for none); a number one past the table is followed by the new name.
    private static (string? Name, int Number) ReadName(byte[] buffer, ref int position, List<string> names)
    {
        var number = (int)ReadUnsigned(buffer, ref position);
        if (number == 0)
            return (null, 0);
        if (number > names.Count)
            names.Add(ReadText(buffer, ref position)!);
        return (names[number - 1], number);
    }

    // The names seen so far, numbered from 1 in the order they first appeared; the last one is remembered by
    // reference, since the readers pool names and a run of one queue or agent is the same string.
    private sealed class Names
    {
        private readonly Dictionary<string, int> numbers = new(StringComparer.Ordinal);
        private string? last;
        private int lastNumber;

        public int NumberOf(string name, out bool isNew)
        {
            isNew = false;
            if (ReferenceEquals(name, last))
                return lastNumber;
            ref var number = ref CollectionsMarshal.GetValueRefOrAddDefault(numbers, name, out var known);
            if (!known)
            {
                number = numbers.Count;
                isNew = true;
            }

            (last, lastNumber) = (name, number);
            return number;
        }
    }
}
