//! Export du registre des CET, en CSV ou en classeur .xlsx, avec les colonnes de l'import : un
//! fichier exporté se réimporte tel quel.

use super::import::entetes;
use super::registre::{self, FiltreCet};
use crate::rapport::{Document, Genre};
use crate::vocabulaire::Code;
use crate::{dates, tableur, Erreur, Resultat};
use rusqlite::Connection;

/// Le modèle : une ligne par CET, dans l'ordre des colonnes de l'import.
pub fn modele_registre(conn: &Connection, filtre: &FiltreCet) -> Resultat<Vec<Vec<String>>> {
    let mut f = filtre.clone();
    f.liste.limite = Some(100_000);
    let academies: std::collections::HashMap<i64, String> =
        crate::base::toutes(conn, "SELECT id, code FROM academie", [])?;
    let d = |x: Option<chrono::NaiveDate>| x.map(dates::francaise).unwrap_or_default();
    Ok(registre::lister(conn, &f)?
        .lignes
        .into_iter()
        .map(|x| {
            vec![
                x.civilite,
                x.nom,
                x.prenom,
                x.email,
                x.telephone,
                x.employeur.unwrap_or_default(),
                x.secteur,
                x.cpc.unwrap_or_default(),
                x.organisation_proposante.unwrap_or_default(),
                academies.get(&x.academie_id).cloned().unwrap_or(x.academie),
                x.bassin.unwrap_or_default(),
                d(x.debut_mandat),
                d(x.fin_mandat),
                x.statut_pro.libelle().to_string(),
                x.specialites,
                d(x.date_arrete),
            ]
        })
        .collect())
}

/// Le registre à enregistrer (« Registre des CET 2026-12-02.xlsx »).
pub fn document_registre(
    conn: &Connection,
    filtre: &FiltreCet,
    format: &str,
) -> Resultat<Document> {
    let octets = fichier_registre(conn, filtre, format)?;
    let genre = if format == "csv" {
        Genre::Csv
    } else {
        Genre::Xlsx
    };
    Ok(Document::nouveau(
        &format!(
            "Registre des CET {}",
            dates::iso(crate::rapport::aujourdhui())
        ),
        genre,
        octets,
    ))
}

/// « csv » ou « xlsx » : les octets du fichier.
pub fn fichier_registre(conn: &Connection, filtre: &FiltreCet, format: &str) -> Resultat<Vec<u8>> {
    let lignes = modele_registre(conn, filtre)?;
    match format {
        "csv" => {
            let mut tout = vec![entetes().iter().map(|e| e.to_string()).collect()];
            tout.extend(lignes);
            Ok(crate::csv::ecrire(&tout).into_bytes())
        }
        "xlsx" => tableur::classeur_xlsx("Registre des CET", &entetes(), &lignes)
            .map_err(|e| Erreur::Fichier(std::io::Error::other(e))),
        autre => Err(Erreur::validation(
            "format",
            format!("Format inconnu : « {autre} » (csv ou xlsx)."),
        )),
    }
}
