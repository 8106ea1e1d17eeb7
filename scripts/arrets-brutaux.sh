#!/usr/bin/env bash
# Arrêts brutaux (kill -9) à des moments tirés au hasard pendant une sauvegarde, une
# restauration et un import de la ligne de commande. Après chaque arrêt : la base s'ouvre,
# « passerelle verifier » rend 0 (intégrité, clés étrangères, schéma) et elle contient soit
# tout le changement, soit rien. Usage : bash scripts/arrets-brutaux.sh [FOIS=30]
set -euo pipefail
cd "$(dirname "$0")/.."
FOIS=${1:-30}
[[ -x "$HOME/.cargo/bin/cargo" ]] && export PATH="$HOME/.cargo/bin:$PATH"
cargo build --locked -p passerelle --quiet
P=$PWD/target/debug/passerelle
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

# Lignes d'une table, lues sans écrire (le module sqlite3 de Python : pas d'outil à installer).
compter() {
  python3 - "$1" "$2" <<'PY'
import sqlite3, sys
c = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
print(c.execute(f"SELECT count(*) FROM {sys.argv[2]}").fetchone()[0])
PY
}
hasard() { python3 -c "import random; print(round(random.uniform($1, $2), 3))"; }
echouer() { echo "ÉCHEC : $*" >&2; exit 1; }

"$P" demo --db "$T/modele.sqlite" > /dev/null
# 20 000 actions IPE valides pour la base de démonstration.
python3 - "$T/actions.csv" <<'PY'
import sys
with open(sys.argv[1], "w", encoding="utf-8") as f:
    f.write("date;ipe;academie;theme;intitule;etablissements;jeunes_filles;jeunes_garcons;enseignants_femmes;enseignants_hommes;entreprises;organisations_professionnelles\n")
    for i in range(20000):
        f.write(f"20/11/2007;BERNARD Alain;Lille;tic;Visite {i};1;2;3;0;1;1;0\n")
PY
# Une base assez grosse (120 000 actions) pour qu'une copie dure assez longtemps d'être coupée.
for _ in 1 2 3 4 5 6; do "$P" import actions-ipe --db "$T/modele.sqlite" "$T/actions.csv" > /dev/null; done
rm -rf "$T/sauvegardes"
AVANT=$(compter "$T/modele.sqlite" action_ipe)
# Une base vide, sur laquelle restaurer la grosse base.
"$P" nouvelle --db "$T/vide.sqlite" > /dev/null
CET=$(compter "$T/modele.sqlite" cet)

essai() { # quoi, n
  local b="$T/b$2-$1.sqlite"
  if [[ $1 == restauration ]]; then cp "$T/vide.sqlite" "$b"; else cp "$T/modele.sqlite" "$b"; fi
  case $1 in
    import) "$P" import actions-ipe --db "$b" "$T/actions.csv" > /dev/null 2>&1 & ;;
    sauvegarde) "$P" sauvegarder --db "$b" > /dev/null 2>&1 & ;;
    restauration) "$P" restaurer --db "$b" --depuis "$T/modele.sqlite" > /dev/null 2>&1 & ;;
  esac
  local pid=$!
  # Au hasard dans la durée de l'opération (une copie : quelques dizaines de ms ; l'import : ~2 s).
  if [[ $1 == import ]]; then sleep "$(hasard 0.02 2.5)"; else sleep "$(hasard 0.01 0.6)"; fi
  kill -9 "$pid" 2> /dev/null || true
  wait "$pid" 2> /dev/null || true
  "$P" verifier --db "$b" > /dev/null || echouer "$1 n° $2 : verifier ≠ 0"
  local issue="rien"
  case $1 in
    import)
      local n; n=$(compter "$b" action_ipe)
      [[ $n == "$AVANT" || $n == $((AVANT + 20000)) ]] || echouer "import n° $2 : $n actions"
      [[ $n == "$AVANT" ]] || issue="tout" ;;
    sauvegarde)
      [[ $(compter "$b" cet) == "$CET" ]] || echouer "sauvegarde n° $2 : base changée"
      for s in "$T"/sauvegardes/"b$2-$1 "*.sqlite; do
        [[ -e $s ]] || continue
        "$P" verifier --db "$s" > /dev/null || echouer "sauvegarde n° $2 : copie abîmée $s"
        issue="tout"
      done ;;
    restauration)
      local n; n=$(compter "$b" cet)
      [[ $n == "$CET" || $n == 0 ]] || echouer "restauration n° $2 : $n CET"
      [[ $n == 0 ]] || issue="tout" ;;
  esac
  echo "$1 n° $2 : ok ($issue)"
}

for quoi in sauvegarde restauration import; do
  for n in $(seq 1 "$FOIS"); do essai "$quoi" "$n"; done
done
echo "Arrêts brutaux : $((FOIS * 3)) essais, la base toujours intègre, tout ou rien."
