//! Tableaux importés et exportés : un CSV (lu par `csv`) ou un classeur .xlsx / .ods (lu par
//! calamine), rendus sous la même forme ; écriture d'un classeur .xlsx (rust_xlsxwriter).

use crate::csv::{self, Ligne, TableCsv};
use crate::dates;
use chrono::{Days, NaiveDate};

/// Lit un CSV ou la première feuille d'un classeur (reconnu à sa signature ZIP).
pub fn lire(octets: &[u8]) -> Result<TableCsv, String> {
    if octets.starts_with(b"PK\x03\x04") {
        lire_classeur(octets)
    } else {
        csv::lire(octets)
    }
}

fn lire_classeur(octets: &[u8]) -> Result<TableCsv, String> {
    use calamine::{open_workbook_auto_from_rs, Reader, Sheets};
    let mut classeur =
        open_workbook_auto_from_rs(std::io::Cursor::new(octets.to_vec())).map_err(|e| {
            format!("Ce fichier n'est ni un CSV ni un classeur .xlsx ou .ods lisible ({e}).")
        })?;
    let genre = match classeur {
        Sheets::Ods(_) => "classeur OpenDocument (.ods)",
        _ => "classeur Excel (.xlsx)",
    };
    let feuille = classeur
        .worksheet_range_at(0)
        .ok_or("Le classeur ne contient aucune feuille.")?
        .map_err(|e| format!("Première feuille illisible : {e}"))?;
    let premiere_ligne = feuille.start().map(|(l, _)| l as usize + 1).unwrap_or(1);
    let mut lignes = feuille.rows();
    let entetes: Vec<String> = lignes
        .next()
        .ok_or("Le classeur est vide.")?
        .iter()
        .map(|c| cellule(c).trim().to_string())
        .collect();
    let lignes: Vec<Ligne> = lignes
        .enumerate()
        .map(|(i, l)| Ligne {
            numero: premiere_ligne + 1 + i,
            valeurs: l.iter().map(cellule).collect(),
        })
        .filter(|l| l.valeurs.iter().any(|v| !v.trim().is_empty()))
        .collect();
    Ok(TableCsv {
        entetes,
        lignes,
        separateur: ';',
        encodage: genre,
    })
}

/// Une cellule telle qu'on l'aurait tapée : dates au format JJ/MM/AAAA, nombres sans « .0 ».
fn cellule(c: &calamine::Data) -> String {
    use calamine::Data;
    match c {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) if f.fract() == 0.0 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => if *b { "vrai" } else { "faux" }.into(),
        // Numéro de série Excel : jours depuis le 30/12/1899.
        Data::DateTime(d) => NaiveDate::from_ymd_opt(1899, 12, 30)
            .and_then(|o| o.checked_add_days(Days::new(d.as_f64().max(0.0) as u64)))
            .map(dates::francaise)
            .unwrap_or_default(),
        Data::DateTimeIso(s) => s
            .get(..10)
            .and_then(|x| dates::lire(x).ok())
            .map(dates::francaise)
            .unwrap_or_else(|| s.clone()),
        Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// Un classeur .xlsx d'une feuille : en-têtes en gras, une ligne par enregistrement.
pub fn classeur_xlsx(
    nom_feuille: &str,
    entetes: &[&str],
    lignes: &[Vec<String>],
) -> Result<Vec<u8>, String> {
    use rust_xlsxwriter::{Format, Workbook};
    let erreur = |e: rust_xlsxwriter::XlsxError| format!("Classeur : {e}");
    let mut classeur = Workbook::new();
    let feuille = classeur.add_worksheet();
    feuille.set_name(nom_feuille).map_err(erreur)?;
    let gras = Format::new().set_bold();
    for (j, e) in entetes.iter().enumerate() {
        feuille
            .write_string_with_format(0, j as u16, *e, &gras)
            .map_err(erreur)?;
    }
    for (i, l) in lignes.iter().enumerate() {
        for (j, v) in l.iter().enumerate() {
            feuille
                .write_string(i as u32 + 1, j as u16, v)
                .map_err(erreur)?;
        }
    }
    classeur.save_to_buffer().map_err(erreur)
}
