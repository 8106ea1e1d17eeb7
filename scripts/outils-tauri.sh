# À sourcer : la CLI Tauri (paquet npm @tauri-apps/cli, binaire précompilé, version figée),
# installée dans .outils/npm/ (ignoré par git), jamais globalement. Définit « tauri_cli ».
TAURI_CLI_VERSION="2.12.6"
TAURI_CLI="$PWD/.outils/npm/node_modules/.bin/tauri"

if ! command -v npm >/dev/null 2>&1; then
  echo "npm est absent : installez Node.js (paquet Debian « npm ») pour construire les paquets." >&2
  exit 1
fi
if ! { [[ -x "$TAURI_CLI" ]] && "$TAURI_CLI" --version 2>/dev/null | grep -qx "tauri-cli $TAURI_CLI_VERSION"; }; then
  echo "Installation de @tauri-apps/cli $TAURI_CLI_VERSION dans .outils/npm/"
  npm install --prefix .outils/npm --no-save --no-package-lock --no-audit --no-fund \
    "@tauri-apps/cli@$TAURI_CLI_VERSION" >/dev/null
fi

tauri_cli() {
  "$TAURI_CLI" "$@"
}
