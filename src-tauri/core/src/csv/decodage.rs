//! Décodage décidé fichier par fichier : UTF-16 annoncé par son BOM (« Texte Unicode »
//! d'Excel), UTF-8 avec ou sans BOM, sinon Windows-1252 s'il est plausible, sinon une erreur
//! qui dit quoi faire. Jamais de décodage « au mieux » qui déformerait les noms en silence.

use std::borrow::Cow;

const BOM_UTF8: &[u8] = b"\xEF\xBB\xBF";

const NI_UTF8_NI_1252: &str = "Le fichier n'est ni en UTF-8 ni en Windows-1252 : enregistrez-le \
     en « CSV UTF-8 » depuis le tableur.";

/// Le texte du fichier (BOM retiré) et le nom de son encodage, pour les messages.
pub(super) fn decoder(octets: &[u8]) -> Result<(Cow<'_, str>, &'static str), String> {
    use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, WINDOWS_1252};
    if let Some((e, bom)) = Encoding::for_bom(octets) {
        if e == UTF_16LE || e == UTF_16BE {
            let texte = e
                .decode_without_bom_handling_and_without_replacement(&octets[bom..])
                .ok_or(
                    "Le fichier annonce l'UTF-16 (« Texte Unicode ») mais contient des \
                        caractères invalides : enregistrez-le en « CSV UTF-8 » depuis le tableur.",
                )?;
            refuser_nul(texte.as_bytes())?;
            return Ok((texte, "UTF-16"));
        }
    }
    refuser_nul(octets)?;
    if let Some(sans_bom) = octets.strip_prefix(BOM_UTF8) {
        // Le BOM annonce l'UTF-8 : un octet invalide est une erreur, pas un autre encodage.
        return match std::str::from_utf8(sans_bom) {
            Ok(t) => Ok((Cow::Borrowed(t), "UTF-8")),
            Err(e) => Err(format!(
                "Ligne {} : caractère invalide dans un fichier annoncé en UTF-8 (BOM) : \
                 enregistrez-le en « CSV UTF-8 » depuis le tableur.",
                ligne_de(sans_bom, e.valid_up_to())
            )),
        };
    }
    match std::str::from_utf8(octets) {
        Ok(t) => Ok((Cow::Borrowed(t), "UTF-8")),
        Err(_) if plausible_1252(octets) => Ok((
            WINDOWS_1252.decode_without_bom_handling(octets).0,
            "Windows-1252",
        )),
        Err(_) => Err(NI_UTF8_NI_1252.into()),
    }
}

/// Un texte Windows-1252 n'a ni caractère de contrôle (hors tabulation et fins de ligne), ni
/// les cinq octets que cet encodage ne définit pas.
fn plausible_1252(octets: &[u8]) -> bool {
    !octets.iter().any(|&b| {
        (b < 0x20 && !matches!(b, b'\t' | b'\r' | b'\n'))
            || matches!(b, 0x81 | 0x8D | 0x8F | 0x90 | 0x9D)
    })
}

/// Un octet nul n'a rien à faire dans un texte : fichier binaire ou UTF-16 sans BOM.
fn refuser_nul(octets: &[u8]) -> Result<(), String> {
    match octets.iter().position(|&b| b == 0) {
        Some(i) => Err(format!(
            "Ligne {} : octet nul : ce fichier n'est pas un texte CSV (fichier binaire, ou \
             « Texte Unicode » sans son en-tête) ; enregistrez-le en « CSV UTF-8 » depuis le tableur.",
            ligne_de(octets, i)
        )),
        None => Ok(()),
    }
}

/// Numéro (à partir de 1) de la ligne où se trouve l'octet `position` : LF, CRLF et CR seul
/// finissent chacun une ligne, comme à la lecture.
pub(super) fn ligne_de(octets: &[u8], position: usize) -> usize {
    let position = position.min(octets.len());
    let fins = octets[..position]
        .iter()
        .enumerate()
        .filter(|&(i, &b)| b == b'\n' || (b == b'\r' && octets.get(i + 1) != Some(&b'\n')))
        .count();
    1 + fins
}

/// Fins de ligne ramenées à « \n » : CRLF (Windows) et CR seul (anciens Mac) aussi, jusque
/// dans les champs sur plusieurs lignes.
pub(super) fn fins_de_ligne(texte: Cow<'_, str>) -> Cow<'_, str> {
    if texte.contains('\r') {
        Cow::Owned(texte.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        texte
    }
}

/// La première ligne « sep=; » qu'Excel ajoute (ou comprend) : le séparateur qu'elle donne,
/// et le texte qui la suit.
pub(super) fn ligne_sep(texte: &str) -> Option<(u8, &str)> {
    let (premiere, suite) = texte.split_once('\n').unwrap_or((texte, ""));
    let valeur = premiere.trim_matches('"').strip_prefix("sep=")?;
    let separateur = *valeur.as_bytes().first()?;
    // Un tableur peut compléter la ligne de séparateurs ou de guillemets : rien d'autre.
    let reste_vide = valeur.bytes().all(|b| b == separateur || b == b'"');
    (matches!(separateur, b';' | b',' | b'\t') && reste_vide).then_some((separateur, suite))
}
