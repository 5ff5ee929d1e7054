using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using SQLitePCL;

namespace ContactCost.Storage.Sqlite;

/// <summary>
/// Binds statement parameters by calling e_sqlite3 (the library SQLitePCLRaw loads for Microsoft.Data.Sqlite)
/// directly with the statement's raw handle, without a GC transition. An import binds 19 parameters a row; through
/// SQLitePCLRaw each bind takes and releases the statement's safe handle and switches the thread's GC mode,
/// which was about a tenth of the writer thread. Only for binds: short calls that neither block nor call back.
/// </summary>
internal static unsafe partial class NativeBind
{
    private const string Library = "e_sqlite3";

    // SQLITE_TRANSIENT: SQLite copies the text before the call returns, so the caller's buffer is free at once.
    private static readonly nint Transient = -1;

    // Non-empty, so that empty text pins to a real pointer (a null pointer binds NULL, not '').
    private static readonly byte[] NoText = [0];

    /// <summary>Whether the loaded SQLite is e_sqlite3, which these calls go to; otherwise bind through SQLitePCLRaw.</summary>
    public static bool Available { get; } = raw.GetNativeLibraryName() == Library;

    /// <summary>Binds a 64-bit integer.</summary>
    public static int Int64(sqlite3_stmt statement, int index, long value) => BindInt64(Handle(statement), index, value);

    /// <summary>Binds NULL.</summary>
    public static int Null(sqlite3_stmt statement, int index) => BindNull(Handle(statement), index);

    /// <summary>Binds UTF-8 text, copied by SQLite.</summary>
    public static int Text(sqlite3_stmt statement, int index, ReadOnlySpan<byte> utf8)
    {
        fixed (byte* text = utf8.IsEmpty ? NoText : utf8)
            return BindText(Handle(statement), index, text, utf8.Length, Transient);
    }

    /// <summary>
    /// Binds <paramref name="length"/> bytes of UTF-8 text at <paramref name="text"/> without copying them
    /// (SQLITE_STATIC): they must stay where they are until the statement has run and its parameters are
    /// bound again. <paramref name="text"/> must not be null, even for empty text.
    /// </summary>
    public static int TextInPlace(sqlite3_stmt statement, int index, byte* text, int length) =>
        BindText(Handle(statement), index, text, length, 0);

    // The statement's handle without taking a reference: the statements are owned and disposed by their one user.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static nint Handle(sqlite3_stmt statement) => statement.DangerousGetHandle();

    [LibraryImport(Library, EntryPoint = "sqlite3_bind_int64")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    [SuppressGCTransition]
    private static partial int BindInt64(nint statement, int index, long value);

    [LibraryImport(Library, EntryPoint = "sqlite3_bind_null")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    [SuppressGCTransition]
    private static partial int BindNull(nint statement, int index);

    [LibraryImport(Library, EntryPoint = "sqlite3_bind_text")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    [SuppressGCTransition]
    private static partial int BindText(nint statement, int index, byte* text, int length, nint destructor);
}
