using ContactCost.Formats.Canonical;
using ContactCost.Formats.Import;
using ContactCost.Formats.Sources.Asterisk;
using ContactCost.Formats.Sources.Connect;
using ContactCost.Formats.Sources.FreeSwitch;
using ContactCost.Formats.Sources.Twilio;
using ContactCost.Formats.Sources.Zendesk;
using ContactCost.Interactions;

namespace ContactCost.Formats.Sources;

/// <summary>Reads a file of interactions in any format it names, with the reader of that format.</summary>
public static class InteractionFiles
{
    /// <summary>Reads the file at <paramref name="path"/> as <paramref name="format"/>; the queue_log applies to Asterisk files only.</summary>
    /// <exception cref="ArgumentException">The format holds usage records, not interactions.</exception>
    public static IEnumerable<ReadResult<Interaction>> ReadFile(SourceFormat format, string path, SourceOptions? options = null, AsteriskQueueLog? queueLog = null) => format switch
    {
        SourceFormat.Canonical => CanonicalCsvReader.ReadFile(path),
        SourceFormat.Asterisk => new AsteriskCdrReader(queueLog).ReadFile(path, options),
        SourceFormat.AsteriskQueueLog => new AsteriskQueueLogReader().ReadFile(path, options),
        SourceFormat.FreeSwitch => new FreeSwitchCdrReader().ReadFile(path, options),
        SourceFormat.Connect => new ConnectRecordReader().ReadFile(path, options),
        SourceFormat.Twilio => new TwilioReader().ReadFile(path, options),
        SourceFormat.Zendesk => new ZendeskTicketReader().ReadFile(path, options),
        _ => throw new ArgumentException($"{format.Name()} files hold usage records, not interactions.", nameof(format)),
    };
}
