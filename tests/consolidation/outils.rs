//! Aides des tests de consolidation : exporter un paquet dans un dossier, importer, compter.

use passerelle_core::consolidation::{self, DemandeExport, Identite, Perimetre, ResultatPaquet};
use passerelle_core::dates::Periode;
use passerelle_core::travail::Suivi;
use passerelle_core::Connection;
use std::path::{Path, PathBuf};

/// Écrit le paquet demandé dans `dossier`, sous le nom proposé par Passerelle.
pub fn exporter(
    c: &Connection,
    dossier: &Path,
    perimetre: Perimetre,
    periode: Periode,
    academie: &str,
) -> PathBuf {
    let doc = consolidation::document_paquet(
        c,
        &DemandeExport {
            perimetre,
            periode,
            academie: academie.into(),
        },
    )
    .unwrap();
    let chemin = dossier.join(&doc.nom);
    std::fs::write(&chemin, &doc.octets).unwrap();
    chemin
}

/// Le paquet IPE de l'année 2007 d'une académie (`""` : toutes), le plus courant des tests.
pub fn paquet_ipe_2007(c: &Connection, dossier: &Path, academie: &str) -> PathBuf {
    exporter(c, dossier, Perimetre::Ipe, Periode::Civile(2007), academie)
}

/// Importe et rend les comptes rendus ; un paquet refusé fait échouer le test.
pub fn importer(c: &Connection, chemins: &[PathBuf]) -> Vec<consolidation::CompteRendu> {
    consolidation::importer(c, chemins, false, &Suivi::default())
        .unwrap()
        .into_iter()
        .map(|r: ResultatPaquet| {
            r.compte_rendu
                .unwrap_or_else(|| panic!("{}: {:?}", r.fichier, r.erreur))
        })
        .collect()
}

/// Une base de consolidation vide, nommée.
pub fn base_de_consolidation(nom: &str) -> Connection {
    let c = passerelle_core::base::en_memoire().unwrap();
    consolidation::nommer(
        &c,
        &Identite {
            uid: String::new(),
            nom: nom.into(),
            academie: String::new(),
        },
    )
    .unwrap();
    c
}

/// Les lignes d'une table, triées, sans les identifiants locaux : pour comparer deux bases.
pub fn contenu(c: &Connection, sql: &str) -> Vec<String> {
    let mut st = c.prepare(sql).unwrap();
    let n = st.column_count();
    let mut lignes: Vec<String> = st
        .query_map([], |r| {
            Ok((0..n)
                .map(|i| format!("{:?}", r.get_ref(i).unwrap()))
                .collect::<Vec<_>>()
                .join("|"))
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    lignes.sort();
    lignes
}
