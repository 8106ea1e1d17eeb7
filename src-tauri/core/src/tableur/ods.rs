//! Dimensions d'un classeur .ods mesurées avant calamine : celui-ci développe les cellules
//! répétées (`number-rows-repeated`, `number-columns-repeated`) et réserverait des Go pour une
//! seule cellule lointaine. On parcourt content.xml en flux, sans rien garder, et l'on
//! cherche l'étendue des cellules qui ont un contenu, dans toutes les feuilles.

use quick_xml::events::{BytesStart, Event};
use std::io::{BufReader, Cursor, Read};

/// content.xml décompressé au plus : au-delà, une bombe de décompression plutôt qu'une liste.
const MAX_XML: u64 = 1 << 30;

/// Étendue des cellules non vides : (première, dernière) ligne et colonne, à partir de 0.
#[derive(Default)]
struct Etendue {
    lignes: Option<(u64, u64)>,
    colonnes: Option<(u64, u64)>,
}

impl Etendue {
    fn ajouter(&mut self, lignes: (u64, u64), colonnes: (u64, u64)) {
        let unir = |a: Option<(u64, u64)>, b: (u64, u64)| {
            Some(a.map_or(b, |a| (a.0.min(b.0), a.1.max(b.1))))
        };
        self.lignes = unir(self.lignes, lignes);
        self.colonnes = unir(self.colonnes, colonnes);
    }

    fn largeur(p: Option<(u64, u64)>) -> u64 {
        p.map_or(0, |(a, b)| b.saturating_sub(a).saturating_add(1))
    }
}

/// Nombre de répétitions d'une ligne ou d'une cellule (1 si l'attribut manque ou est faux).
fn repetitions(e: &BytesStart, attribut: &str) -> u64 {
    e.try_get_attribute(attribut)
        .ok()
        .flatten()
        .and_then(|a| a.value.parse().ok())
        .unwrap_or(1)
        .max(1)
}

/// (lignes, colonnes) occupées par des cellules non vides, toutes feuilles confondues.
/// `None` si content.xml est absent ou illisible : calamine le dira à son tour.
pub(super) fn dimensions(octets: &[u8]) -> Option<(u64, u64)> {
    let mut zip = zip::ZipArchive::new(Cursor::new(octets)).ok()?;
    let xml = zip.by_name("content.xml").ok()?;
    let mut lecteur = quick_xml::Reader::from_reader(BufReader::new(xml.take(MAX_XML)));
    let (mut ligne, mut colonne, mut repetee) = (0u64, 0u64, 1u64);
    let mut etendue = Etendue::default();
    let mut tampon = Vec::new();
    loop {
        tampon.clear();
        let (e, ouvrante) = match lecteur.read_event_into(&mut tampon) {
            Ok(Event::Start(e)) => (e, true),
            Ok(Event::Empty(e)) => (e, false),
            Ok(Event::End(e)) if e.name().as_ref() == "table:table-row" => {
                ligne = ligne.saturating_add(repetee);
                continue;
            }
            // Fin, XML abîmé ou coupé par la limite : on s'arrête là.
            Ok(Event::Eof) | Err(_) => break,
            _ => continue,
        };
        match e.name().as_ref() {
            "table:table" => ligne = 0,
            "table:table-row" => {
                (colonne, repetee) = (0, repetitions(&e, "table:number-rows-repeated"));
                if !ouvrante {
                    ligne = ligne.saturating_add(repetee);
                }
            }
            "table:table-cell" | "table:covered-table-cell" => {
                let n = repetitions(&e, "table:number-columns-repeated");
                // Une cellule ouvrante a un texte ; une cellule vide s'écrit « <…/> » sans type.
                if ouvrante
                    || e.try_get_attribute("office:value-type")
                        .ok()
                        .flatten()
                        .is_some()
                {
                    let fin = ligne.saturating_add(repetee - 1);
                    etendue.ajouter((ligne, fin), (colonne, colonne.saturating_add(n - 1)));
                }
                colonne = colonne.saturating_add(n);
            }
            _ => {}
        }
    }
    if lecteur.buffer_position() >= MAX_XML {
        return Some((u64::MAX, u64::MAX));
    }
    Some((
        Etendue::largeur(etendue.lignes),
        Etendue::largeur(etendue.colonnes),
    ))
}
