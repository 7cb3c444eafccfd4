# Sourced by run.sh and jit-vs-aot.sh (needs $root, the clone): the tool as users get it. Packs src/Flask.Cli into a
# folder feed under $1 (README's command: the pointer, the framework-dependent `any` package and, on linux-x64, the
# Native AOT one) and installs it from there into a tool path of its own, with a NuGet cache of its own so no package
# from an earlier pack is reused. Sets:
#   flask_installed  the installed `dotnet-flask` (native on linux-x64, framework-dependent elsewhere)
#   flask_native     "yes" when that is the Native AOT executable
#   flask_jit        the framework-dependent tool of the same feed (the `any` package's dotnet-flask.dll, run with dotnet)
pack_and_install_tool() {
  local work=$1
  command -v unzip >/dev/null || { echo "needs unzip (Debian package \"unzip\")"; exit 2; }
  dotnet pack "$root/src/Flask.Cli" -c Release -o "$work/feed" -nologo -v q > "$work/pack.log" 2>&1 || { cat "$work/pack.log"; exit 1; }
  NUGET_PACKAGES="$work/nuget" dotnet tool install Flask.Testing.Cli --tool-path "$work/tools" --add-source "$work/feed" > "$work/install.log" 2>&1 \
    || { cat "$work/install.log"; exit 1; }
  flask_installed="$work/tools/dotnet-flask"
  case "$(readlink -f "$flask_installed")" in */flask.testing.cli.linux-x64/*) flask_native=yes ;; *) flask_native=no ;; esac
  mkdir -p "$work/any"
  unzip -q -o "$work"/feed/Flask.Testing.Cli.any.*.nupkg -d "$work/any"
  flask_jit="dotnet $work/any/tools/net10.0/any/dotnet-flask.dll"
}
