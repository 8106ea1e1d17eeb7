//! Le corpus hostile (tests/fixtures/hostile) passé à chaque import de la ligne de commande :
//! code de sortie, message français qui nomme la ligne ou la cause, base intacte quand l'import
//! est refusé, `passerelle verifier` toujours à 0.

use super::outils::*;
use crate::common::sans_nbsp;

const IMPORTS: [&str; 4] = ["ipe", "actions-ipe", "cet", "annuaire-education"];

/// Ce qu'on attend d'un import : code de sortie et fragment du message (erreur ou compte rendu).
type Attendu = (i32, &'static str);

const COLONNES: Attendu = (2, "Colonnes absentes");
const PAS_UN_CSV: Attendu = (2, "pas un CSV");

/// Par fichier : l'attendu de `import ipe`, `import actions-ipe`, `import cet`,
/// `import annuaire-education`.
fn corpus() -> Vec<(&'static str, [Attendu; 4])> {
    let partout = |a: Attendu| [a, a, a, a];
    // Refusé par les imports IPE, actions et annuaire ; `cet` pour l'import des CET.
    let classeur = |cet: Attendu| [PAS_UN_CSV, PAS_UN_CSV, cet, PAS_UN_CSV];
    let sans_colonnes = |cet: Attendu| [COLONNES, COLONNES, cet, COLONNES];
    vec![
        ("vide.csv", partout((2, "Le fichier est vide."))),
        ("entete-seule.csv", partout((2, "aucune ligne de données"))),
        ("texte-unicode.txt", sans_colonnes((0, "importé"))),
        (
            "bom-octet-invalide.csv",
            partout((2, "Ligne 2 : caractère invalide")),
        ),
        ("octets-nuls.csv", partout((2, "Ligne 2 : octet nul"))),
        (
            "guillemet-ouvert.csv",
            partout((2, "Ligne 2 : guillemet ouvrant")),
        ),
        ("fins-cr.csv", sans_colonnes((0, "importé"))),
        (
            "ni-utf8-ni-1252.csv",
            partout((2, "ni en UTF-8 ni en Windows-1252")),
        ),
        (
            "classeur-creux.xlsx",
            classeur((2, "La feuille est trop grande")),
        ),
        (
            "classeur-creux-sans-dimension.xlsx",
            classeur((2, "La feuille est trop grande")),
        ),
        ("classeur-bombe.xlsx", classeur((2, "une fois décompressé"))),
        (
            "classeur-creux.ods",
            classeur((2, "La feuille est trop grande")),
        ),
        ("classeur-libreoffice.ods", classeur((0, "importé"))),
        ("classeur-tronque.xlsx", classeur((2, "tronqué"))),
        (
            "pas-un-classeur.zip",
            classeur((2, "n'est pas un classeur")),
        ),
        (
            "annuaire-hostile.csv",
            [
                COLONNES,
                COLONNES,
                (2, "Colonnes obligatoires introuvables"),
                (0, "créés : 2 ;"),
            ],
        ),
        (
            "cellule-geante.csv",
            partout((2, "Ligne 2 : la cellule de la colonne 2 dépasse")),
        ),
    ]
}

/// Le corpus dans `dossier`, plus la cellule d'un million de caractères fabriquée ici.
fn preparer(dossier: &Path) {
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/hostile");
    for (nom, _) in corpus() {
        let chemin = source.join(nom);
        if chemin.exists() {
            std::fs::copy(&chemin, dossier.join(nom)).unwrap();
        }
    }
    let mut geante = b"nom;note\nDupont;".to_vec();
    geante.extend(std::iter::repeat_n(b'x', 1_000_000));
    geante.push(b'\n');
    std::fs::write(dossier.join("cellule-geante.csv"), geante).unwrap();
}

fn verifier(db: &Path) {
    reussir(&["verifier", "--db", p(db)]);
}

#[test]
fn corpus_hostile_par_chaque_import() {
    let d = tempfile::tempdir().unwrap();
    preparer(d.path());
    let modele = d.path().join("modele.sqlite");
    reussir(&["nouvelle", "--db", p(&modele)]);
    let vierge = std::fs::read(&modele).unwrap();
    for (nom, attendus) in corpus() {
        for (quoi, (code, fragment)) in IMPORTS.iter().zip(attendus) {
            let db = d.path().join(format!("{nom}-{quoi}.sqlite"));
            std::fs::write(&db, &vierge).unwrap();
            let fichier = d.path().join(nom);
            let o = passerelle(&["import", quoi, "--db", p(&db), p(&fichier)]);
            let cas = format!("import {quoi} {nom}");
            let sortie = sans_nbsp(&format!("{}{}", texte(&o.stdout), texte(&o.stderr)))
                .replace('\u{202f}', " ");
            assert_eq!(o.status.code(), Some(code), "{cas} : {sortie}");
            assert!(sortie.contains(fragment), "{cas} : {sortie}");
            if code != 0 {
                assert!(sortie.starts_with("passerelle : "), "{cas} : {sortie}");
                assert_eq!(std::fs::read(&db).unwrap(), vierge, "{cas} : base modifiée");
                let wal = d.path().join(format!("{nom}-{quoi}.sqlite-wal"));
                assert!(!wal.exists(), "{cas} : journal laissé");
            }
            verifier(&db);
        }
    }
}
