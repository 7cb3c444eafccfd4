using System;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace Flask.Testing;

/// <summary>
/// SQLite's native library, which a run store needs. Flask.Testing references the provider only
/// (Microsoft.Data.Sqlite.Core), so that its users who keep no run history do not get SQLite's native libraries for
/// some twenty runtimes; the packages that record history (Flask.Testing.Xunit, the dotnet flask tool) bring them with
/// <see cref="BundlePackage"/>, which Microsoft.Data.Sqlite finds and initializes itself.
/// </summary>
internal static class SqliteNative
{
    /// <summary>The package that brings SQLite's native libraries and registers them.</summary>
    public const string BundlePackage = "SQLitePCLRaw.bundle_e_sqlite3";

    /// <summary>
    /// Throws a one-line <see cref="InvalidOperationException"/> naming <see cref="BundlePackage"/> when no native SQLite
    /// is registered, instead of SQLitePCL's "call SQLitePCL.raw.SetProvider()" at the first use.
    /// </summary>
    /// <param name="path">The store that was to be opened, for the message.</param>
    public static void EnsureAvailable(string path)
    {
        // Microsoft.Data.Sqlite registers the bundle, when the application has it, as SqliteConnection is initialized.
        RuntimeHelpers.RunClassConstructor(typeof(SqliteConnection).TypeHandle);
        try
        {
            _ = SQLitePCL.raw.sqlite3_libversion_number();
        }
        catch (Exception e) when (e.GetType() == typeof(Exception))
        {
            // SQLitePCL's plain Exception for "no provider registered": the one thing a plain Exception means here.
            throw new InvalidOperationException(
                $"Cannot open the run store {path}: no native SQLite library is registered (the Flask.Testing package has none of its own). " +
                $"Add the package {BundlePackage} to your project (Flask.Testing.Xunit and the dotnet flask tool bring it), or open no run store.", e);
        }
    }
}
