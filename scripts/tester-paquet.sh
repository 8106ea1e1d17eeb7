#!/usr/bin/env bash
# Test d'installation du paquet .deb sur cette machine (en root ou avec sudo) : installe,
# lance la copie installée (--version, demo, fenêtre sous Xvfb avec capture d'écran),
# désinstalle puis vérifie que rien du paquet ne reste dans /usr.
# Réutilise le .deb déjà construit ; --reconstruire le reconstruit (scripts/paquets.sh, long).
# Hors de scripts/tester.sh : la construction en release prend de longues minutes sur 2 cœurs.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v dpkg >/dev/null 2>&1; then
  echo "Test d'installation sauté : dpkg est absent (ni Debian ni Ubuntu)."
  exit 0
fi
sudo_=""
if [[ $(id -u) -ne 0 ]]; then
  if ! command -v sudo >/dev/null 2>&1; then
    echo "Test d'installation sauté : il faut être root (ou avoir sudo) pour dpkg -i."
    exit 0
  fi
  sudo_="sudo"
fi
if dpkg-query -W -f='${Status}' passerelle 2>/dev/null | grep -q "install ok installed"; then
  echo "Le paquet passerelle est déjà installé sur cette machine : le test ne le remplace pas." >&2
  echo "Retirez-le d'abord (dpkg -r passerelle) s'il vient d'un test précédent." >&2
  exit 1
fi

# Outils de l'essai de la fenêtre : Xvfb, capture (ImageMagick), xwininfo (x11-utils).
manquants=()
for p in xvfb xauth imagemagick x11-utils; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || manquants+=("$p")
done
if (( ${#manquants[@]} )); then
  $sudo_ apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_ apt-get install -y -qq --no-install-recommends "${manquants[@]}"
fi

cible="${CARGO_TARGET_DIR:-$PWD/target}"
version=$(sed -n '/^\[workspace.package\]/,/^\[/s/^version = "\(.*\)"/\1/p' Cargo.toml)
deb="$cible/release/bundle/deb/Passerelle_${version}_amd64.deb"
if [[ "${1:-}" == "--reconstruire" || ! -f "$deb" ]]; then
  echo "Construction du paquet (longue) : $deb"
  CARGO_TARGET_DIR="$cible" bash scripts/paquets.sh
fi
[[ -f "$deb" ]] || { echo "Paquet introuvable : $deb" >&2; exit 1; }

travail=$(mktemp -d)
sortie="$cible/release/bundle/essai-installation"
mkdir -p "$sortie"
nettoyer() {
  [[ -n "${fenetre:-}" ]] && kill "$fenetre" 2>/dev/null || true
  if dpkg-query -W -f='${Status}' passerelle 2>/dev/null | grep -q "install ok installed"; then
    $sudo_ dpkg -r passerelle >/dev/null || true
  fi
  rm -rf "$travail"
}
trap nettoyer EXIT
echec() { echo "ÉCHEC : $*" >&2; exit 1; }

echo "== Paquet : $deb ($(stat -c %s "$deb") octets)"
dependances=$(dpkg-deb -f "$deb" Depends)
echo "Dépend de : $dependances"
for d in libwebkit2gtk-4.1-0 libgtk-3-0 libsoup-3.0-0; do
  n=$(tr ',' '\n' <<<"$dependances" | tr -d ' ' | grep -cx "$d" || true)
  [[ "$n" == 1 ]] || echec "dépendance $d présente $n fois"
done
find /usr -xdev 2>/dev/null | sort >"$travail/usr-avant"
$sudo_ dpkg -i "$deb"
dpkg-query -L passerelle | sort >"$travail/fichiers-du-paquet"

echo "== La copie installée"
[[ "$(command -v passerelle)" == /usr/bin/passerelle ]] || echec "passerelle n'est pas /usr/bin/passerelle"
sortie_version=$(/usr/bin/passerelle --version)
echo "$sortie_version"
[[ "$sortie_version" == "passerelle $version "* ]] || echec "--version ne donne pas $version"
/usr/bin/passerelle demo --db "$travail/demo.sqlite"
/usr/bin/passerelle verifier --db "$travail/demo.sqlite"
for f in /usr/share/applications/Passerelle.desktop /usr/share/doc/passerelle/copyright \
  /usr/share/icons/hicolor/{32x32,64x64,128x128,256x256,512x512}/apps/passerelle.png; do
  [[ -f "$f" ]] || echec "$f manque au paquet"
done
grep -qx "Categories=Office;Education;" /usr/share/applications/Passerelle.desktop \
  || echec "catégories du .desktop"

echo "== La fenêtre installée sous Xvfb"
export GSETTINGS_BACKEND=memory
xvfb-run -a -s "-screen 0 1280x1024x24" bash -c '
  debut=$(date +%s%N)
  /usr/bin/passerelle --db "$1" &
  pid=$!
  # Première image : la fenêtre est là et sa page affiche « Passerelle » (titre de l'"'"'accueil).
  for _ in $(seq 1 300); do
    if xwininfo -root -tree 2>/dev/null | grep -q "\"Passerelle\""; then
      import -window root "$2/fenetre.png" 2>/dev/null
      couleurs=$(convert "$2/fenetre.png" -format "%k" info:)
      if (( couleurs > 50 )); then
        echo "Première image rendue après $(( ($(date +%s%N) - debut) / 1000000 )) ms ($couleurs couleurs)"
        break
      fi
    fi
    sleep 0.1
  done
  sleep 2
  import -window root "$2/fenetre-installee.png"
  kill -TERM $pid
  wait $pid 2>/dev/null || true
' _ "$travail/demo.sqlite" "$sortie"
[[ -s "$sortie/fenetre-installee.png" ]] || echec "pas de capture de la fenêtre"
echo "Capture : $sortie/fenetre-installee.png"

echo "== Désinstallation"
$sudo_ dpkg -r passerelle
restes=()
while read -r f; do
  [[ -z "$f" || "$f" == "/." ]] && continue
  # Un dossier commun (/usr/bin, /usr/share/icons…) existait avant et reste : c'est normal.
  if [[ -e "$f" ]] && ! grep -qxF "$f" "$travail/usr-avant"; then restes+=("$f"); fi
done <"$travail/fichiers-du-paquet"
find /usr -xdev 2>/dev/null | sort >"$travail/usr-apres"
nouveaux=$(comm -13 "$travail/usr-avant" "$travail/usr-apres")
[[ ${#restes[@]} -eq 0 ]] || echec "restés après dpkg -r : ${restes[*]}"
[[ -z "$nouveaux" ]] || echec "nouveaux chemins dans /usr après dpkg -r : $nouveaux"
[[ ! -e /usr/bin/passerelle ]] || echec "/usr/bin/passerelle est resté"
echo "Rien du paquet ne reste dans /usr ($(wc -l <"$travail/fichiers-du-paquet") chemins vérifiés)."
echo "1 passed, 0 failed"
