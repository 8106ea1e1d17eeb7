//! Les tableaux : rangées coupées entre deux pages avec l'en-tête répété ; une rangée plus
//! haute qu'une page (une cellule de plusieurs centaines de lignes) est elle-même coupée entre
//! deux lignes, la suite de chaque cellule reprenant sous l'en-tête de la page suivante.

use super::dessin::{gris, noir};
use super::mise_en_page::{
    largeurs, Mise, BAS_CONTENU, CELLULE, HAUT_CONTENU, INTERLIGNE_CELLULE, LARGEUR, MARGE,
    MARGE_CELLULE,
};
use super::{Alignement, Colonne};
use printpdf::Color;

/// Les lignes de chaque cellule d'une rangée, déjà coupées à la largeur de leur colonne.
type Cellules = Vec<Vec<String>>;

/// Au moins ce nombre de lignes d'une rangée coupée sur le bas d'une page, sinon elle commence
/// sur la page suivante (pas de ligne orpheline).
const LIGNES_MIN: usize = 3;

fn hauteur(nombre_de_lignes: usize) -> f32 {
    nombre_de_lignes.max(1) as f32 * INTERLIGNE_CELLULE + 2.0 * MARGE_CELLULE
}

fn lignes_max(cellules: &Cellules) -> usize {
    cellules.iter().map(Vec::len).max().unwrap_or(1)
}

impl Mise<'_> {
    fn cellules(&self, cellules: &[String], largeurs: &[f32], gras: bool) -> Cellules {
        cellules
            .iter()
            .zip(largeurs)
            .map(|(c, l)| {
                self.polices
                    .couper(c, gras, CELLULE, l - 2.0 * MARGE_CELLULE)
            })
            .collect()
    }

    fn hauteur_rangee(&self, cellules: &[String], largeurs: &[f32], gras: bool) -> f32 {
        hauteur(lignes_max(&self.cellules(cellules, largeurs, gras)))
    }

    /// Ce qu'un titre doit trouver sous lui : l'en-tête et le début de la première rangée.
    pub(super) fn debut_du_tableau(&self, colonnes: &[Colonne], lignes: &[Vec<String>]) -> f32 {
        let largeurs = largeurs(colonnes);
        let entete: Vec<String> = colonnes.iter().map(|c| c.titre.clone()).collect();
        let premiere = lignes.first().map_or(0.0, |l| {
            self.hauteur_rangee(l, &largeurs, false)
                .min(hauteur(LIGNES_MIN))
        });
        self.hauteur_rangee(&entete, &largeurs, true) + premiere
    }

    /// Dessine les lignes `debut..fin` de chaque cellule comme une rangée.
    #[allow(clippy::too_many_arguments)]
    fn rangee(
        &mut self,
        cellules: &Cellules,
        (debut, fin): (usize, usize),
        colonnes: &[Colonne],
        largeurs: &[f32],
        gras: bool,
        fond: Option<Color>,
    ) {
        let h = hauteur(fin - debut);
        let haut = self.y;
        if let Some(f) = fond {
            self.page().rectangle(MARGE, haut, LARGEUR, h, f);
        }
        let mut x = MARGE;
        for ((lignes, largeur), colonne) in cellules.iter().zip(largeurs).zip(colonnes) {
            let morceau = lignes.get(debut..fin.min(lignes.len())).unwrap_or(&[]);
            for (i, l) in morceau.iter().enumerate() {
                let w = self.polices.largeur(l, gras, CELLULE);
                let tx = match colonne.alignement {
                    Alignement::Gauche => x + MARGE_CELLULE,
                    Alignement::Droite => x + largeur - MARGE_CELLULE - w,
                    Alignement::Centre => x + (largeur - w) / 2.0,
                };
                let ty = haut + MARGE_CELLULE + (i as f32 + 1.0) * INTERLIGNE_CELLULE - 3.0;
                self.ecrire(tx, ty, l, gras, CELLULE, noir());
            }
            self.page().trait_(x, haut, x, haut + h, 0.5, gris(0.6));
            x += largeur;
        }
        self.page().trait_(x, haut, x, haut + h, 0.5, gris(0.6));
        let bas = haut + h;
        self.page()
            .trait_(MARGE, bas, MARGE + LARGEUR, bas, 0.5, gris(0.6));
        self.y += h;
    }

    fn entete_tableau(&mut self, colonnes: &[Colonne], largeurs: &[f32]) {
        let titres: Vec<String> = colonnes.iter().map(|c| c.titre.clone()).collect();
        let cellules = self.cellules(&titres, largeurs, true);
        let y = self.y;
        self.page()
            .trait_(MARGE, y, MARGE + LARGEUR, y, 0.8, gris(0.35));
        let n = lignes_max(&cellules);
        self.rangee(&cellules, (0, n), colonnes, largeurs, true, Some(gris(0.9)));
    }

    /// Nombre de lignes de cellule qui tiennent encore sur la page.
    fn lignes_restantes(&self) -> usize {
        ((self.reste() - 2.0 * MARGE_CELLULE) / INTERLIGNE_CELLULE).max(0.0) as usize
    }

    pub(super) fn tableau(
        &mut self,
        colonnes: &[Colonne],
        lignes: &[Vec<String>],
        gras_derniere_ligne: bool,
    ) {
        let largeurs = largeurs(colonnes);
        self.assurer(self.debut_du_tableau(colonnes, lignes));
        self.entete_tableau(colonnes, &largeurs);
        let titres: Vec<String> = colonnes.iter().map(|c| c.titre.clone()).collect();
        let h_entete = self.hauteur_rangee(&titres, &largeurs, true);
        for (i, l) in lignes.iter().enumerate() {
            let gras = gras_derniere_ligne && i + 1 == lignes.len();
            let cellules = self.cellules(l, &largeurs, gras);
            let n = lignes_max(&cellules);
            let tient_sur_une_page = hauteur(n) <= BAS_CONTENU - HAUT_CONTENU - h_entete;
            let coupee_trop_tot = self.lignes_restantes() < n.min(LIGNES_MIN);
            if hauteur(n) > self.reste() && (tient_sur_une_page || coupee_trop_tot) {
                // Le tableau continue sur la page suivante, sous son en-tête répété.
                self.nouvelle_page();
                self.entete_tableau(colonnes, &largeurs);
            }
            self.rangee_coupee(&cellules, colonnes, &largeurs, gras);
        }
        self.y += 8.0;
    }

    /// Une rangée, coupée entre deux lignes autant de fois qu'il le faut : la suite de chaque
    /// cellule reprend sous l'en-tête répété de la page suivante.
    fn rangee_coupee(
        &mut self,
        cellules: &Cellules,
        colonnes: &[Colonne],
        largeurs: &[f32],
        gras: bool,
    ) {
        let n = lignes_max(cellules);
        let mut debut = 0;
        loop {
            let fin = (debut + self.lignes_restantes().max(1)).min(n);
            let fond = gras.then(|| gris(0.96));
            self.rangee(cellules, (debut, fin), colonnes, largeurs, gras, fond);
            if fin >= n {
                return;
            }
            debut = fin;
            self.nouvelle_page();
            self.entete_tableau(colonnes, largeurs);
        }
    }
}
