//! Les deux polices des rapports (DejaVu Sans, normale et grasse), incorporées au binaire,
//! et la mesure des textes à partir des avances de leurs glyphes.

use printpdf::ParsedFont;
use std::sync::OnceLock;

const REGULIERE: &[u8] = include_bytes!("../../../../assets/fonts/DejaVuSans.ttf");
const GRASSE: &[u8] = include_bytes!("../../../../assets/fonts/DejaVuSans-Bold.ttf");

pub struct Polices {
    pub reguliere: ParsedFont,
    pub grasse: ParsedFont,
}

/// Lues une fois pour toutes : l'analyse d'une police coûte quelques millisecondes.
pub fn polices() -> Result<&'static Polices, String> {
    static POLICES: OnceLock<Result<Polices, String>> = OnceLock::new();
    POLICES
        .get_or_init(|| {
            let lire = |octets: &[u8]| {
                ParsedFont::from_bytes(octets, 0, &mut Vec::new())
                    .ok_or_else(|| "police DejaVu illisible".to_string())
            };
            Ok(Polices {
                reguliere: lire(REGULIERE)?,
                grasse: lire(GRASSE)?,
            })
        })
        .as_ref()
        .map_err(Clone::clone)
}

impl Polices {
    pub fn police(&self, gras: bool) -> &ParsedFont {
        if gras {
            &self.grasse
        } else {
            &self.reguliere
        }
    }

    /// Largeur en points de `texte` à la taille `taille` (points).
    pub fn largeur(&self, texte: &str, gras: bool, taille: f32) -> f32 {
        let p = self.police(gras);
        let unites = p.font_metrics.units_per_em.max(1) as f32;
        let espace = p
            .lookup_glyph_index(' ' as u32)
            .map(|g| p.get_horizontal_advance(g))
            .unwrap_or(0);
        let total: u32 = texte
            .chars()
            .map(|c| {
                p.lookup_glyph_index(c as u32)
                    .map(|g| p.get_horizontal_advance(g))
                    .unwrap_or(espace) as u32
            })
            .sum();
        total as f32 / unites * taille
    }

    /// Remplace les caractères que la police n'a pas (le texte extrait reste lisible).
    pub fn affichable(&self, texte: &str, gras: bool) -> String {
        let p = self.police(gras);
        texte
            .chars()
            .map(|c| match c {
                _ if p.lookup_glyph_index(c as u32).is_some() => c,
                '\u{202f}' | '\u{a0}' => '\u{a0}',
                _ => '?',
            })
            .collect()
    }

    /// Coupe `texte` en lignes d'au plus `largeur` points ; les espaces insécables ne coupent pas.
    pub fn couper(&self, texte: &str, gras: bool, taille: f32, largeur: f32) -> Vec<String> {
        let mut lignes = Vec::new();
        for paragraphe in texte.split('\n') {
            let mut courante = String::new();
            for mot in paragraphe.split(' ').filter(|m| !m.is_empty()) {
                let essai = if courante.is_empty() {
                    mot.to_string()
                } else {
                    format!("{courante} {mot}")
                };
                if self.largeur(&essai, gras, taille) <= largeur {
                    courante = essai;
                    continue;
                }
                if !courante.is_empty() {
                    lignes.push(std::mem::take(&mut courante));
                }
                // Un mot plus large que la ligne est coupé entre deux caractères.
                let mut morceau = String::new();
                for c in mot.chars() {
                    morceau.push(c);
                    if self.largeur(&morceau, gras, taille) > largeur && morceau.chars().count() > 1
                    {
                        morceau.pop();
                        lignes.push(std::mem::take(&mut morceau));
                        morceau.push(c);
                    }
                }
                courante = morceau;
            }
            lignes.push(courante);
        }
        lignes
    }
}
