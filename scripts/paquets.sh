#!/usr/bin/env bash
# Construit la version publiée (profil release : LTO, strip) et les paquets Linux .deb et .rpm
# avec le « bundler » de Tauri (CLI npm @tauri-apps/cli, version figée, dans .outils/npm/).
# Ni .AppImage (linuxdeploy se télécharge depuis GitHub), ni Windows, ni macOS : voir
# .github/workflows/paquets.yml. Sur une machine partagée, tenir le verrou de cargo :
#   flock /tmp/cargo.lock bash scripts/paquets.sh
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/installer.sh
[[ -x "$HOME/.cargo/bin/cargo" ]] && export PATH="$HOME/.cargo/bin:$PATH"
if ! command -v npm >/dev/null 2>&1; then
  sudo_=""; [[ $(id -u) -ne 0 ]] && sudo_="sudo"
  $sudo_ apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_ apt-get install -y -qq --no-install-recommends npm
fi
source scripts/outils-tauri.sh

# Le dossier cible de cargo (partagé s'il est donné) : les paquets sont dans release/bundle/.
cible="${CARGO_TARGET_DIR:-$PWD/target}"
export CARGO_TARGET_DIR="$cible"

debut=$(date +%s)
# « tauri build » lance lui-même « cargo build --release » dans src-tauri/ (tauri.conf.json
# y est trouvé) ; ce qui suit « -- » va à cargo.
tauri_cli build --ci --bundles deb,rpm -- --locked
duree=$(($(date +%s) - debut))

binaire="$cible/release/passerelle"
echo
echo "== Construit en ${duree} s"
printf '%-60s %10s\n' "fichier" "octets"
for f in "$binaire" "$cible"/release/bundle/deb/*.deb "$cible"/release/bundle/rpm/*.rpm; do
  [[ -f "$f" ]] && printf '%-60s %10s\n' "${f#"$cible"/}" "$(stat -c %s "$f")"
done
"$binaire" --version
