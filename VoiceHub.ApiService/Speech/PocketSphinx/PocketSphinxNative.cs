using System.Reflection;
using System.Runtime.InteropServices;

namespace VoiceHub.ApiService.Speech.PocketSphinx;

/// <summary>
/// The C API of Debian's PocketSphinx 0.8 ("5prealpha") and the sphinxbase it needs. The
/// libraries are loaded by soname through <see cref="NativeLibrary.TryLoad(string, out IntPtr)"/>
/// (see <see cref="Load"/>), so a machine without them reports the engine unavailable instead of
/// throwing <see cref="DllNotFoundException"/> on the first call.
/// </summary>
internal static partial class PocketSphinxNative
{
    public const string PocketSphinx = "libpocketsphinx.so.3";
    public const string SphinxBase = "libsphinxbase.so.3";

    private static readonly Lock Gate = new();
    private static (bool Loaded, string? Error)? _state;
    private static IntPtr _pocketSphinx;
    private static IntPtr _sphinxBase;

    /// <summary>Loads both libraries once; false with a reason a person can act on when either is missing.</summary>
    public static bool Load(out string? error)
    {
        lock (Gate)
        {
            _state ??= TryLoad();
            error = _state.Value.Error;
            return _state.Value.Loaded;
        }
    }

    private static (bool, string?) TryLoad()
    {
        // sphinxbase first: pocketsphinx links against it.
        if (!NativeLibrary.TryLoad(SphinxBase, out _sphinxBase) || !NativeLibrary.TryLoad(PocketSphinx, out _pocketSphinx))
        {
            return (false, $"{PocketSphinx} or {SphinxBase} not found; install the Debian packages libpocketsphinx3 and pocketsphinx-en-us (apt-get install pocketsphinx pocketsphinx-en-us).");
        }

        NativeLibrary.SetDllImportResolver(Assembly.GetExecutingAssembly(), Resolve);
        return (true, null);
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? path) => name switch
    {
        PocketSphinx => _pocketSphinx,
        SphinxBase => _sphinxBase,
        _ => IntPtr.Zero,
    };

    [LibraryImport(PocketSphinx)]
    public static partial IntPtr ps_args();

    [LibraryImport(SphinxBase, StringMarshalling = StringMarshalling.Utf8)]
    public static partial IntPtr cmd_ln_parse_r(IntPtr inoutCmdln, IntPtr definitions, int argc, string[] argv, int strict);

    [LibraryImport(SphinxBase)]
    public static partial int cmd_ln_free_r(IntPtr cmdln);

    [LibraryImport(PocketSphinx)]
    public static partial IntPtr ps_init(IntPtr config);

    [LibraryImport(PocketSphinx)]
    public static partial int ps_free(IntPtr ps);

    [LibraryImport(PocketSphinx, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int ps_set_jsgf_string(IntPtr ps, string name, string jsgf);

    [LibraryImport(PocketSphinx, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int ps_set_search(IntPtr ps, string name);

    [LibraryImport(PocketSphinx)]
    public static partial int ps_start_utt(IntPtr ps);

    [LibraryImport(PocketSphinx)]
    public static unsafe partial int ps_process_raw(IntPtr ps, short* data, nuint samples, int noSearch, int fullUtterance);

    [LibraryImport(PocketSphinx)]
    public static partial int ps_end_utt(IntPtr ps);

    [LibraryImport(PocketSphinx)]
    public static partial IntPtr ps_get_hyp(IntPtr ps, out int bestScore);

    [LibraryImport(PocketSphinx)]
    public static partial int ps_get_n_frames(IntPtr ps);

    [LibraryImport(PocketSphinx)]
    public static partial IntPtr ps_seg_iter(IntPtr ps);

    [LibraryImport(PocketSphinx)]
    public static partial IntPtr ps_seg_next(IntPtr seg);

    [LibraryImport(PocketSphinx)]
    public static partial IntPtr ps_seg_word(IntPtr seg);

    [LibraryImport(PocketSphinx)]
    public static partial void ps_seg_frames(IntPtr seg, out int start, out int end);

    [LibraryImport(PocketSphinx)]
    public static partial int ps_seg_prob(IntPtr seg, out int acousticScore, out int languageScore, out int languageBackoff);

    [LibraryImport(PocketSphinx)]
    public static partial void ps_seg_free(IntPtr seg);

    [LibraryImport(PocketSphinx)]
    public static partial IntPtr ps_nbest(IntPtr ps);

    [LibraryImport(PocketSphinx)]
    public static partial IntPtr ps_nbest_next(IntPtr nbest);

    [LibraryImport(PocketSphinx)]
    public static partial IntPtr ps_nbest_hyp(IntPtr nbest, out int score);

    [LibraryImport(PocketSphinx)]
    public static partial void ps_nbest_free(IntPtr nbest);

    [LibraryImport(PocketSphinx)]
    public static partial IntPtr ps_get_config(IntPtr ps);

    /// <summary>The named search's grammar, borrowed (not retained).</summary>
    [LibraryImport(PocketSphinx, StringMarshalling = StringMarshalling.Utf8)]
    public static partial IntPtr ps_get_fsg(IntPtr ps, string name);

    /// <summary>Adds a grammar search made with the decoder's current configuration (beams included); retains <paramref name="fsg"/>.</summary>
    [LibraryImport(PocketSphinx, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int ps_set_fsg(IntPtr ps, string name, IntPtr fsg);

    [LibraryImport(SphinxBase, StringMarshalling = StringMarshalling.Utf8)]
    public static partial double cmd_ln_float_r(IntPtr cmdln, string name);

    [LibraryImport(SphinxBase, StringMarshalling = StringMarshalling.Utf8)]
    public static partial void cmd_ln_set_float_r(IntPtr cmdln, string name, double value);

    [LibraryImport(SphinxBase, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint cmd_ln_int_r(IntPtr cmdln, string name);

    [LibraryImport(SphinxBase, StringMarshalling = StringMarshalling.Utf8)]
    public static partial void cmd_ln_set_int_r(IntPtr cmdln, string name, nint value);
}
