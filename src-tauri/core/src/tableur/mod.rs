//! Tableaux importés et exportés : un CSV (lu par `csv`) ou un classeur .xlsx / .ods (lu par
//! calamine), rendus sous la même forme ; écriture d'un classeur .xlsx (rust_xlsxwriter).

mod ods;

use crate::csv::{self, Ligne, TableCsv};
use crate::dates;
use chrono::{Days, NaiveDate};

/// Lit un CSV ou la première feuille d'un classeur (reconnu à sa signature ZIP), sous les
/// mêmes limites (`csv::controler`).
pub fn lire(octets: &[u8]) -> Result<TableCsv, String> {
    if octets.starts_with(b"PK\x03\x04") {
        let table = lire_classeur(octets)?;
        csv::controler(&table)?;
        Ok(table)
    } else {
        csv::lire(octets)
    }
}

/// Contenu décompressé d'un classeur au plus (tailles déclarées par l'archive) : au-delà,
/// une « bombe de décompression » plutôt qu'une liste (un fichier importé fait au plus 200 Mo).
const MAX_DECOMPRESSE: u64 = 1 << 30;

/// Refuse l'archive dont le contenu décompressé dépasse `MAX_DECOMPRESSE`, avant que calamine
/// ne la lise. Une archive illisible passe : calamine dira ce qui ne va pas.
fn controler_archive(octets: &[u8]) -> Result<(), String> {
    let Ok(mut zip) = zip::ZipArchive::new(std::io::Cursor::new(octets)) else {
        return Ok(());
    };
    let total = (0..zip.len())
        .filter_map(|i| zip.by_index_raw(i).ok().map(|f| f.size()))
        .fold(0u64, u64::saturating_add);
    if total > MAX_DECOMPRESSE {
        return Err(format!(
            "Le classeur ferait {} Mo une fois décompressé : Passerelle n'en lit pas plus de {} Mo \
             (fichier abîmé ou piégé).",
            crate::texte::nombre((total >> 20).try_into().unwrap_or(i64::MAX)),
            crate::texte::nombre((MAX_DECOMPRESSE >> 20) as i64)
        ));
    }
    Ok(())
}

/// Cellules non vides d'un classeur au plus : borne la mémoire quand la feuille ne déclare
/// pas (ou mal) ses dimensions.
const MAX_CELLULES: usize = 20_000_000;

/// .xlsx d'abord (lu cellule par cellule), puis .ods (mesuré avant d'être lu). Les erreurs
/// de calamine et de zip, en anglais, sont rendues par une phrase française selon leur genre.
fn lire_classeur(octets: &[u8]) -> Result<TableCsv, String> {
    use calamine::{Ods, OdsError, Reader, Xlsx};
    controler_archive(octets)?;
    let curseur = std::io::Cursor::new(octets);
    let erreur_xlsx = match Xlsx::new(curseur.clone()) {
        Ok(classeur) => return lire_xlsx(classeur),
        Err(e) => erreur_xlsx(&e),
    };
    if let Some((lignes, colonnes)) = ods::dimensions(octets) {
        if lignes > csv::MAX_LIGNES as u64 + 1 || colonnes > csv::MAX_COLONNES as u64 {
            return Err(hors_limites());
        }
    }
    match Ods::new(curseur) {
        Ok(classeur) => lire_ods(classeur),
        // Ni .xlsx ni .ods : l'erreur du .xlsx dit pourquoi (archive abîmée, autre contenu).
        Err(OdsError::FileNotFound(_) | OdsError::InvalidMime(_)) => Err(erreur_xlsx),
        Err(e) => Err(erreur_ods(&e)),
    }
}

const TRONQUE: &str = "Le classeur est tronqué ou abîmé (archive ZIP illisible) : ouvrez-le \
     dans le tableur et enregistrez-le de nouveau.";
const ABIME: &str = "Le classeur est abîmé (contenu illisible) : ouvrez-le dans le tableur et \
     enregistrez-le de nouveau.";
const PAS_UN_CLASSEUR: &str = "Ce fichier ZIP n'est pas un classeur .xlsx ou .ods : enregistrez \
     la liste en .xlsx, .ods ou « CSV UTF-8 » depuis le tableur.";

/// Une erreur de lecture de .xlsx, en français (jamais le texte anglais de calamine).
fn erreur_xlsx(e: &calamine::XlsxError) -> String {
    use calamine::XlsxError as X;
    match e {
        X::Zip(_) | X::Io(_) => TRONQUE,
        X::FileNotFound(_) | X::RelationshipNotFound | X::WorksheetNotFound(_) => PAS_UN_CLASSEUR,
        _ => ABIME,
    }
    .into()
}

/// Une erreur de lecture de .ods, en français.
fn erreur_ods(e: &calamine::OdsError) -> String {
    use calamine::OdsError as O;
    match e {
        O::CellLimitExceeded { .. } => hors_limites(),
        O::Zip(_) | O::Io(_) => TRONQUE.into(),
        _ => ABIME.into(),
    }
}

fn hors_limites() -> String {
    format!(
        "La feuille est trop grande : Passerelle n'importe pas plus de {} lignes ni plus de {} \
         colonnes.",
        crate::texte::nombre(csv::MAX_LIGNES as i64),
        csv::MAX_COLONNES
    )
}

/// Dimensions de la feuille (déclarées ou constatées) refusées au-delà des limites.
fn controler_dimensions(d: calamine::Dimensions) -> Result<(), String> {
    let lignes = u64::from(d.end.0.saturating_sub(d.start.0)) + 1;
    let colonnes = u64::from(d.end.1.saturating_sub(d.start.1)) + 1;
    // L'en-tête plus MAX_LIGNES lignes de données.
    if lignes > csv::MAX_LIGNES as u64 + 1 || colonnes > csv::MAX_COLONNES as u64 {
        return Err(hors_limites());
    }
    Ok(())
}

/// Première feuille d'un .xlsx, lue cellule par cellule : ses dimensions déclarées sont
/// contrôlées avant toute cellule, et seules les cellules non vides sont gardées (calamine,
/// lui, réserverait la place de tout le rectangle A1:XFD1048576).
fn lire_xlsx<R: std::io::Read + std::io::Seek>(
    mut classeur: calamine::Xlsx<R>,
) -> Result<TableCsv, String> {
    use calamine::{DataType, Reader};
    let nom = classeur
        .sheet_names()
        .into_iter()
        .next()
        .ok_or("Le classeur ne contient aucune feuille.")?;
    let mut lecteur = classeur
        .worksheet_cells_reader(&nom)
        .map_err(|e| erreur_xlsx(&e))?;
    controler_dimensions(lecteur.dimensions())?;
    let mut cellules = Vec::new();
    while let Some(c) = lecteur.next_cell().map_err(|e| erreur_xlsx(&e))? {
        if c.get_value().is_empty() {
            continue;
        }
        if cellules.len() >= MAX_CELLULES {
            return Err(hors_limites());
        }
        cellules.push((c.get_position(), cellule(&c.get_value().clone().into())));
    }
    table_de_cellules(cellules, "classeur Excel (.xlsx)")
}

/// Première feuille d'un .ods (calamine borne lui-même le nombre de cellules).
fn lire_ods<R: std::io::Read + std::io::Seek>(
    mut classeur: calamine::Ods<R>,
) -> Result<TableCsv, String> {
    use calamine::Reader;
    let feuille = classeur
        .worksheet_range_at(0)
        .ok_or("Le classeur ne contient aucune feuille.")?
        .map_err(|e| erreur_ods(&e))?;
    let debut = feuille.start().unwrap_or((0, 0));
    let cellules = feuille
        .used_cells()
        .map(|(l, c, v)| ((debut.0 + l as u32, debut.1 + c as u32), cellule(v)))
        .filter(|(_, v)| !v.is_empty())
        .collect();
    table_de_cellules(cellules, "classeur OpenDocument (.ods)")
}

/// Le tableau des cellules non vides ((ligne, colonne) à partir de 0) : la première ligne
/// occupée est l'en-tête, les lignes sont numérotées comme dans le tableur.
fn table_de_cellules(
    mut cellules: Vec<((u32, u32), String)>,
    genre: &'static str,
) -> Result<TableCsv, String> {
    cellules.sort_by_key(|(pos, _)| *pos);
    let (Some(premiere), Some(derniere)) = (cellules.first(), cellules.last()) else {
        return Err("Le classeur est vide.".into());
    };
    let (haut, bas) = (premiere.0 .0, derniere.0 .0);
    let gauche = cellules.iter().map(|(p, _)| p.1).min().unwrap_or(0);
    let droite = cellules.iter().map(|(p, _)| p.1).max().unwrap_or(0);
    controler_dimensions(calamine::Dimensions::new((haut, gauche), (bas, droite)))?;
    let largeur = (droite - gauche) as usize + 1;
    let mut lignes: Vec<Ligne> = Vec::new();
    for ((l, c), v) in cellules {
        if lignes.last().is_none_or(|x| x.numero != l as usize + 1) {
            lignes.push(Ligne {
                numero: l as usize + 1,
                valeurs: vec![String::new(); largeur],
            });
        }
        if let Some(x) = lignes
            .last_mut()
            .and_then(|x| x.valeurs.get_mut((c - gauche) as usize))
        {
            *x = v;
        }
    }
    let mut lignes = lignes.into_iter();
    let entetes = lignes
        .next()
        .filter(|l| l.numero == haut as usize + 1)
        .map(|l| l.valeurs.iter().map(|v| v.trim().to_string()).collect())
        .unwrap_or_default();
    Ok(TableCsv {
        entetes,
        lignes: lignes
            .filter(|l| l.valeurs.iter().any(|v| !v.trim().is_empty()))
            .collect(),
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
