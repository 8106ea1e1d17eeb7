//! Injection de formules (OWASP « CSV injection »), dans les deux sens : à l'écriture, une
//! cellule qu'un tableur prendrait pour une formule reçoit une apostrophe en tête ; à la
//! lecture, Passerelle retire cette apostrophe, si bien qu'un export se réimporte à l'identique.

use std::borrow::Cow;

/// Premiers caractères qui font d'une cellule une formule pour Excel ou LibreOffice.
const DECLENCHEURS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Un nombre tel qu'on l'écrit (« -3 », « -1,5 », « +2.25 ») : laissé tel quel, le tableur
/// n'en fait pas une formule et l'utilisateur garde un nombre.
fn est_nombre(cellule: &str) -> bool {
    let sans_signe = cellule.strip_prefix(['-', '+']).unwrap_or(cellule);
    let (entiere, decimale) = match sans_signe.split_once([',', '.']) {
        Some((e, d)) => (e, Some(d)),
        None => (sans_signe, None),
    };
    let chiffres = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    chiffres(entiere) && decimale.is_none_or(chiffres)
}

/// Zéro, une ou plusieurs apostrophes puis un déclencheur : « =1 », « '=1 », « ''+x »…
/// Ajouter (ou retirer) une apostrophe à ces cellules-là, et à elles seules, est réversible.
fn a_proteger(cellule: &str) -> bool {
    cellule.trim_start_matches('\'').starts_with(DECLENCHEURS) && !est_nombre(cellule)
}

/// La cellule telle qu'elle s'écrit dans un CSV : une apostrophe en tête si un tableur
/// l'exécuterait.
pub(super) fn neutraliser(cellule: &str) -> Cow<'_, str> {
    if a_proteger(cellule) {
        Cow::Owned(format!("'{cellule}"))
    } else {
        Cow::Borrowed(cellule)
    }
}

/// L'inverse de `neutraliser` : l'apostrophe ajoutée à l'export est retirée à la lecture.
pub(super) fn restaurer(cellule: &mut String) {
    if cellule.starts_with('\'') && a_proteger(&cellule[1..]) {
        cellule.remove(0);
    }
}

/// Un fichier CSV pour les tableurs : UTF-8 avec BOM (qu'Excel reconnaît), séparateur « ; »,
/// fins de ligne CRLF, guillemets seulement quand il le faut, formules neutralisées. Les lignes
/// peuvent avoir des longueurs différentes ; une ligne sans valeur reste une ligne vide. Tous
/// les exports CSV passent par ici.
pub fn ecrire(lignes: &[Vec<String>]) -> String {
    // `csv` écrirait « "" » pour distinguer une ligne vide d'un champ vide : les blocs de lignes
    // sont écrits à part, séparés par des lignes vraiment vides.
    let vide = |l: &Vec<String>| l.len() <= 1 && l.iter().all(String::is_empty);
    let mut octets = b"\xEF\xBB\xBF".to_vec();
    for (i, bloc) in lignes.split(vide).enumerate() {
        if i > 0 {
            octets.extend_from_slice(b"\r\n");
        }
        let mut sortie = csv::WriterBuilder::new()
            .delimiter(b';')
            .terminator(csv::Terminator::CRLF)
            .flexible(true)
            .from_writer(&mut octets);
        // Écrire dans un Vec ne peut pas échouer, et les longueurs sont libres : rien à signaler.
        for l in bloc {
            let _ = sortie.write_record(l.iter().map(|c| neutraliser(c).into_owned()));
        }
        let _ = sortie.flush();
    }
    String::from_utf8(octets).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formules_neutralisees_nombres_laisses() {
        for (brut, ecrit) in [
            (
                "=HYPERLINK(\"http://x\",\"y\")",
                "'=HYPERLINK(\"http://x\",\"y\")",
            ),
            ("+1+1", "'+1+1"),
            ("-", "'-"),
            ("@SOMME(A1)", "'@SOMME(A1)"),
            ("\tx", "'\tx"),
            ("'=1", "''=1"),
            ("-3", "-3"),
            ("-1,5", "-1,5"),
            ("+2.25", "+2.25"),
            ("Dupont", "Dupont"),
            ("'bonjour", "'bonjour"),
            ("", ""),
        ] {
            assert_eq!(neutraliser(brut), ecrit);
            let mut relu = ecrit.to_string();
            restaurer(&mut relu);
            assert_eq!(relu, brut);
        }
    }
}
