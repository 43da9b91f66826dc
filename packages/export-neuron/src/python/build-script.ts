/**
 * `build.sh`: compiles mod/ with nrnivmodl. Some packaged NEURONs (Debian's 8.2) ship an
 * nrnivmodl that looks for nrnmech_makefile in its bin directory and libnrniv.so in lib/, while
 * both sit in lib/nrn; when nrnivmodl fails that way, the script finishes the same build with
 * those paths. Only the shared library is built (nrniv loads it from this directory).
 */
export const BUILD_SH = `#!/bin/sh
# Compiles the exported NMODL mechanisms (mod/*.mod) into <arch>/libnrnmech.so, which
# nrniv loads from this directory. Run once per machine (per CPU architecture), here.
set -e
cd "$(dirname "$0")"
if ! command -v nrnivmodl >/dev/null 2>&1; then
  echo "build.sh: nrnivmodl not found; install NEURON (e.g. apt-get install neuron neuron-dev, or pip install neuron)" >&2
  exit 1
fi
if nrnivmodl mod >build.log 2>&1; then
  echo "build.sh: mechanisms compiled (log: build.log)"
  exit 0
fi
# A packaged nrnivmodl that cannot find its own makefile or libnrniv.so: finish its build.
prefix=$(dirname "$(dirname "$(command -v nrnivmodl)")")
lib=""
for d in "$NRN_LIBDIR" "$prefix/lib/nrn" "$prefix/lib64/nrn" /usr/lib/nrn; do
  if [ -n "$d" ] && [ -f "$d/nrnmech_makefile" ] && [ -f "$d/libnrniv.so" ]; then lib="$d"; break; fi
done
arch=""
for d in */makemod2c_inc; do [ -f "$d" ] && arch=$(dirname "$d"); done
if [ -z "$lib" ] || [ -z "$arch" ]; then
  cat build.log >&2
  echo "build.sh: nrnivmodl failed (log above and in build.log)" >&2
  exit 1
fi
objs=""
for f in mod/*.mod; do objs="$objs ./$(basename "$f" .mod).o"; done
(cd "$arch" && make -f "$lib/nrnmech_makefile" "ROOT=$prefix" "libdir=$lib" "MODOBJFILES=$objs" mech_lib_shared) >>build.log 2>&1 || {
  cat build.log >&2
  echo "build.sh: building the mechanisms failed (log above and in build.log)" >&2
  exit 1
}
echo "build.sh: mechanisms compiled into $arch/libnrnmech.so (log: build.log)"
`;
