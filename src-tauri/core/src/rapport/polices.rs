//! Les deux polices des rapports (DejaVu Sans, normale et grasse), incorporées au binaire,
//! et la mesure des textes à partir des avances de leurs glyphes.

use printpdf::ParsedFont;
use std::collections::BTreeSet;
use std::sync::OnceLock;

const REGULIERE: &[u8] = include_bytes!("../../../../assets/fonts/DejaVuSans.ttf");
const GRASSE: &[u8] = include_bytes!("../../../../assets/fonts/DejaVuSans-Bold.ttf");

/// Marque imprimée à la place d'un caractère que DejaVu n'a pas (émoji, idéogramme…) : un
/// carré blanc visible, de la largeur d'un vrai glyphe, au lieu d'un « ? » mal mesuré.
pub const MARQUE: char = '□';

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

    /// Le caractère réellement imprimé pour `c` : lui-même si la police l'a, sinon la marque
    /// visible `MARQUE` (mesurée avec sa vraie largeur, pour que rien ne déborde).
    pub fn glyphe(&self, c: char, gras: bool) -> char {
        match c {
            '\u{202f}' | '\u{a0}' => '\u{a0}',
            _ if self.police(gras).lookup_glyph_index(c as u32).is_some() => c,
            _ => MARQUE,
        }
    }

    /// Les caractères de `texte` que la police n'a pas (imprimés `MARQUE`).
    pub fn absents<'t>(&'t self, texte: &'t str, gras: bool) -> impl Iterator<Item = char> + 't {
        texte
            .chars()
            .filter(move |c| *c != MARQUE && self.glyphe(*c, gras) == MARQUE)
    }

    /// Avance d'un caractère, en unités de la police.
    fn avance(&self, c: char, gras: bool) -> f32 {
        let p = self.police(gras);
        p.lookup_glyph_index(self.glyphe(c, gras) as u32)
            .and_then(|g| p.get_glyph_width(g))
            .map_or(0.0, f32::from)
    }

    fn par_unite(&self, gras: bool, taille: f32) -> f32 {
        taille / f32::from(self.police(gras).units_per_em.max(1))
    }

    /// Largeur en points de `texte` à la taille `taille` (points). En flottants : un texte
    /// de plusieurs millions de caractères ne déborde pas.
    pub fn largeur(&self, texte: &str, gras: bool, taille: f32) -> f32 {
        let total: f32 = texte.chars().map(|c| self.avance(c, gras)).sum();
        total * self.par_unite(gras, taille)
    }

    /// La police réduite aux glyphes de `caracteres` (ceux qu'un document imprime), à
    /// incorporer au PDF : quelques dizaines de kilo-octets au lieu des 700 de la police.
    pub fn sous_ensemble(
        &self,
        gras: bool,
        caracteres: &BTreeSet<char>,
    ) -> Result<ParsedFont, String> {
        use allsorts::binary::read::ReadScope;
        use allsorts::font_data::FontData;
        use allsorts::subset::{subset, CmapTarget, SubsetProfile};
        let p = self.police(gras);
        // Le glyphe 0 (.notdef) d'abord, comme le veut le format.
        let mut glyphes = vec![0u16];
        glyphes.extend(
            caracteres
                .iter()
                .filter_map(|c| p.lookup_glyph_index(*c as u32))
                .filter(|g| *g != 0),
        );
        glyphes.sort_unstable();
        glyphes.dedup();
        let octets = if gras { GRASSE } else { REGULIERE };
        let illisible = |e: &dyn std::fmt::Debug| format!("police DejaVu illisible ({e:?})");
        let police = ReadScope::new(octets)
            .read::<FontData<'_>>()
            .map_err(|e| illisible(&e))?;
        let tables = police.table_provider(0).map_err(|e| illisible(&e))?;
        let reduite = subset(&tables, &glyphes, &SubsetProfile::Pdf, CmapTarget::Unicode)
            .map_err(|e| illisible(&e))?;
        ParsedFont::from_bytes(&reduite, 0, &mut Vec::new())
            .ok_or_else(|| "sous-ensemble de la police DejaVu illisible".to_string())
    }

    /// `texte` tenu sur une ligne de `largeur` points : coupé et terminé par « … » s'il déborde
    /// (l'en-tête courant, qui reprend un long titre de convention).
    pub fn tronquer(&self, texte: &str, gras: bool, taille: f32, largeur: f32) -> String {
        if self.largeur(texte, gras, taille) <= largeur {
            return texte.to_string();
        }
        let place = largeur - self.largeur("…", gras, taille);
        let echelle = self.par_unite(gras, taille);
        let mut w = 0.0;
        let mut debut = String::new();
        for c in texte.chars() {
            w += self.avance(c, gras) * echelle;
            if w > place {
                break;
            }
            debut.push(c);
        }
        format!("{}…", debut.trim_end())
    }

    /// Le texte tel qu'il sera imprimé : les caractères absents de la police remplacés par
    /// la marque visible (le texte extrait du PDF la montre aussi).
    pub fn affichable(&self, texte: &str, gras: bool) -> String {
        texte.chars().map(|c| self.glyphe(c, gras)).collect()
    }

    /// Coupe `texte` en lignes d'au plus `largeur` points ; les espaces insécables ne coupent
    /// pas. Un mot plus large que la ligne est coupé entre deux caractères : il ne déborde
    /// jamais sur la colonne voisine (sauf un caractère seul plus large que la colonne).
    pub fn couper(&self, texte: &str, gras: bool, taille: f32, largeur: f32) -> Vec<String> {
        let mut lignes = Vec::new();
        let espace = self.largeur(" ", gras, taille);
        for paragraphe in texte.split('\n') {
            let mut courante = String::new();
            let mut w = 0.0;
            for mot in paragraphe.split(' ').filter(|m| !m.is_empty()) {
                let w_mot = self.largeur(mot, gras, taille);
                let ajout = if courante.is_empty() {
                    w_mot
                } else {
                    espace + w_mot
                };
                if w + ajout <= largeur {
                    if !courante.is_empty() {
                        courante.push(' ');
                    }
                    courante.push_str(mot);
                    w += ajout;
                    continue;
                }
                if !courante.is_empty() {
                    lignes.push(std::mem::take(&mut courante));
                }
                (courante, w) = self.couper_mot(mot, gras, taille, largeur, &mut lignes);
            }
            lignes.push(courante);
        }
        lignes
    }

    /// Coupe un mot trop large : les morceaux pleins vont dans `lignes`, le dernier est rendu
    /// avec sa largeur (la suite de la ligne s'y ajoute). Mesure caractère par caractère.
    fn couper_mot(
        &self,
        mot: &str,
        gras: bool,
        taille: f32,
        largeur: f32,
        lignes: &mut Vec<String>,
    ) -> (String, f32) {
        let echelle = self.par_unite(gras, taille);
        let mut morceau = String::new();
        let mut w = 0.0;
        for c in mot.chars() {
            let a = self.avance(c, gras) * echelle;
            if w + a > largeur && !morceau.is_empty() {
                lignes.push(std::mem::take(&mut morceau));
                w = 0.0;
            }
            morceau.push(c);
            w += a;
        }
        (morceau, w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texte_tronque_a_la_largeur() -> Result<(), String> {
        let p = polices()?;
        assert_eq!(p.tronquer("Court", false, 8.0, 100.0), "Court");
        let long = "Convention générale de coopération Éducation nationale – chambres de métiers";
        let t = p.tronquer(long, false, 8.0, 100.0);
        assert!(t.ends_with('…') && t.len() < long.len(), "{t}");
        assert!(p.largeur(&t, false, 8.0) <= 100.0);
        assert!(long.starts_with(t.trim_end_matches('…')));
        Ok(())
    }

    /// Le sous-ensemble garde les caractères demandés avec leurs avances, et eux seuls ; sans
    /// aucun caractère (un document sans gras), il reste une police valide.
    #[test]
    fn sous_ensemble_reduit_a_ce_qui_est_imprime() -> Result<(), String> {
        let p = polices()?;
        let demandes: BTreeSet<char> = "Éé€œ 2471".chars().collect();
        for gras in [false, true] {
            let reduite = p.sous_ensemble(gras, &demandes)?;
            assert!(
                reduite.original_bytes.len() < 30_000,
                "{}",
                reduite.original_bytes.len()
            );
            assert!(reduite.original_bytes.len() * 10 < p.police(gras).original_bytes.len());
            let avance = |f: &ParsedFont, c: char| {
                f.lookup_glyph_index(c as u32)
                    .and_then(|g| f.get_glyph_width(g))
            };
            for c in &demandes {
                assert!(avance(&reduite, *c).is_some(), "{c}");
                assert_eq!(avance(&reduite, *c), avance(p.police(gras), *c), "{c}");
            }
            assert_eq!(reduite.lookup_glyph_index('Z' as u32), None);
            assert_eq!(reduite.units_per_em, p.police(gras).units_per_em);
        }
        assert!(p.sous_ensemble(true, &BTreeSet::new()).is_ok());
        Ok(())
    }

    /// Un texte de plusieurs millions de caractères se mesure et se coupe sans débordement
    /// d'entier ni temps quadratique.
    #[test]
    fn textes_immenses_mesures_et_coupes() -> Result<(), String> {
        let p = polices()?;
        let immense = "W".repeat(3_000_000);
        let w = p.largeur(&immense, true, 9.0);
        assert!(w.is_finite() && w > 1.0e7, "{w}");
        let lignes = p.couper(&immense[..300_000], false, 9.0, 100.0);
        assert!(lignes.len() > 1000);
        assert!(lignes.iter().all(|l| p.largeur(l, false, 9.0) <= 100.0));
        assert_eq!(lignes.concat().len(), 300_000);
        // Une colonne plus étroite qu'un caractère : un caractère par ligne, jamais zéro.
        assert_eq!(p.couper("abc", false, 9.0, 0.5), ["a", "b", "c"]);
        Ok(())
    }

    #[test]
    fn glyphes_absents_remplaces_par_la_marque() -> Result<(), String> {
        let p = polices()?;
        assert_eq!(p.affichable("a🙂漢\u{202f}b", false), "a□□\u{a0}b");
        assert_eq!(p.absents("a🙂漢b□", true).collect::<String>(), "🙂漢");
        assert_eq!(p.largeur("🙂", false, 10.0), p.largeur("□", false, 10.0));
        Ok(())
    }
}
