using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using SQLitePCL;

namespace ContactCost.Storage.Sqlite;

/// <summary>
/// Moves the WAL checkpoints of a bulk writer onto a thread and connection of their own. SQLite's automatic
/// checkpoint runs inside the writer's commit and waits there for two fsyncs (the log, then the database
/// file); a large import spent about a sixth of its time in them. Here a commit only wakes this thread,
/// which copies the committed frames and syncs while the writer goes on with the next batch.
/// </summary>
/// <remarks>
/// The guarantees are those of the automatic checkpoint: a PASSIVE checkpoint on a connection with
/// synchronous = NORMAL. The writer's WAL hook replaces the automatic checkpoint: after each of the
/// connection's commits, bulk or not, it wakes this thread once the log holds <see cref="CheckpointFromFrames"/>
/// frames (the bytes of SQLite's default of 1,000 4 KB pages). A log starts over from its beginning only when a
/// write transaction begins with every frame copied, which a writer that never pauses never sees: this thread
/// is still copying when the next transaction begins. So once the log holds <see cref="RestartAfterFrames"/>
/// frames, the hook copies the rest itself, in the commit, as SQLite's own hook does every time (cheap: the
/// thread has copied nearly all of it), and the next transaction starts the log over. Needs e_sqlite3, whose
/// hook it sets.
/// </remarks>
internal sealed unsafe partial class WalCheckpointer : IDisposable
{
    /// <summary>Frames in the log (16 MB of 16 KB pages) after which a commit copies the rest, so that the next transaction rewinds the log.</summary>
    public const int RestartAfterFrames = 1024;

    /// <summary>Frames in the log from which a commit asks for a checkpoint (4 MB of 16 KB pages).</summary>
    public const int CheckpointFromFrames = 256;

    // SQLite's own default, given back to the writer when this stops.
    private const int AutomaticCheckpointFrames = 1000;

    private readonly sqlite3 writer;
    private readonly sqlite3 connection;
    private readonly int restartAfterFrames;
    private readonly SemaphoreSlim wake = new(0);
    private readonly Lock checkpointing = new();
    private readonly Thread thread;
    private GCHandle self;
    private int asked;
    private volatile bool stopping;
    private volatile bool failed;

    private WalCheckpointer(sqlite3 writer, sqlite3 connection, int restartAfterFrames)
    {
        this.writer = writer;
        this.connection = connection;
        this.restartAfterFrames = restartAfterFrames;
        self = GCHandle.Alloc(this);
        SetWalHook(writer.DangerousGetHandle(), &OnCommit, GCHandle.ToIntPtr(self));
        thread = new Thread(Run) { IsBackground = true, Name = "ContactCost WAL checkpoints" };
        thread.Start();
    }

    /// <summary>
    /// Takes over the checkpoints of <paramref name="writer"/>, a connection to <paramref name="path"/> in WAL
    /// mode, with a second connection and a thread; null (the writer keeps SQLite's own) when that connection
    /// cannot be made or the loaded SQLite is not e_sqlite3.
    /// </summary>
    public static WalCheckpointer? Start(string path, sqlite3 writer, int restartAfterFrames = RestartAfterFrames)
    {
        if (!NativeBind.Available)
            return null;
        var rc = raw.sqlite3_open_v2(path, out var connection, raw.SQLITE_OPEN_READWRITE, null);
        if (rc == raw.SQLITE_OK)
            rc = raw.sqlite3_exec(connection, "PRAGMA synchronous = NORMAL");
        if (rc == raw.SQLITE_OK && IsInWalMode(connection))
            return new WalCheckpointer(writer, connection, restartAfterFrames);
        connection.Dispose();
        return null;
    }

    /// <summary>Whether a checkpoint failed; the writer then goes back to SQLite's automatic checkpoints.</summary>
    public bool Failed => failed;

    /// <summary>Lets a running checkpoint finish, stops the thread, and gives the writer back SQLite's own checkpoints.</summary>
    public void Dispose()
    {
        if (stopping)
            return;
        stopping = true;
        wake.Release();
        thread.Join();
        connection.Dispose();
        raw.sqlite3_wal_autocheckpoint(writer, AutomaticCheckpointFrames); // also replaces the hook
        self.Free();
        wake.Dispose();
    }

    // Wakes the thread, unless it was asked already and has not started on it.
    private void Ask()
    {
        if (Interlocked.Exchange(ref asked, 1) == 0)
            wake.Release();
    }

    // A thread of its own that blocks on the semaphore: waking it needs no thread-pool thread.
    private void Run()
    {
        while (true)
        {
            wake.Wait();
            if (stopping)
                return;
            Volatile.Write(ref asked, 0);
            Checkpoint(connection);
        }
    }

    private void Checkpoint(sqlite3 on)
    {
        lock (checkpointing)
        {
            // Busy means another process is checkpointing: the log then starts over a little later.
            var rc = raw.sqlite3_wal_checkpoint_v2(on, "main", raw.SQLITE_CHECKPOINT_PASSIVE, out _, out _);
            if (rc is not (raw.SQLITE_OK or raw.SQLITE_BUSY))
                failed = true;
        }
    }

    // Also makes the new connection read the file's header: until then it does not know the file is in WAL
    // mode, and a checkpoint on it does nothing and reports a log of -1 frames.
    private static bool IsInWalMode(sqlite3 connection)
    {
        if (raw.sqlite3_prepare_v2(connection, "PRAGMA journal_mode", out var statement) != raw.SQLITE_OK)
            return false;
        using (statement)
            return raw.sqlite3_step(statement) == raw.SQLITE_ROW && raw.sqlite3_column_text(statement, 0).utf8_to_string() == "wal";
    }

    // SQLite calls this on the writer's thread at the end of each commit of the connection, with the frames now
    // in the log. A long log is copied here, after any checkpoint the thread is running: SQLite's own hook runs
    // its checkpoint at this point too.
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int OnCommit(nint checkpointer, nint database, byte* schema, int frames)
    {
        var self = (WalCheckpointer)GCHandle.FromIntPtr(checkpointer).Target!;
        if (frames >= self.restartAfterFrames)
            self.Checkpoint(self.writer);
        else if (frames >= CheckpointFromFrames)
            self.Ask();
        return raw.SQLITE_OK;
    }

    [LibraryImport("e_sqlite3", EntryPoint = "sqlite3_wal_hook")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    private static partial nint SetWalHook(nint database, delegate* unmanaged[Cdecl]<nint, nint, byte*, int, int> hook, nint argument);
}
