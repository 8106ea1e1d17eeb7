//! Les opérations printpdf d'une page : texte, traits, rectangles. Coordonnées en points,
//! mesurées depuis le haut de la page (plus naturel pour une mise en page) et converties ici.

use super::polices::Polices;
use printpdf::{
    Color, FontId, Line, LinePoint, Op, PaintMode, PdfFontHandle, Point, Pt, Rect, Rgb, TextItem,
};
use std::collections::BTreeSet;

pub const LARGEUR_PAGE: f32 = 595.28;
pub const HAUTEUR_PAGE: f32 = 841.89;

pub fn couleur(r: f32, g: f32, b: f32) -> Color {
    Color::Rgb(Rgb {
        r,
        g,
        b,
        icc_profile: None,
    })
}

pub fn bleu() -> Color {
    couleur(0.0, 0.0, 0.569) // bleu France #000091
}

pub fn noir() -> Color {
    couleur(0.09, 0.09, 0.09)
}

pub fn gris(niveau: f32) -> Color {
    couleur(niveau, niveau, niveau)
}

/// Une page en cours de dessin.
pub struct Page {
    pub ops: Vec<Op>,
}

impl Page {
    pub fn new() -> Self {
        Page { ops: Vec::new() }
    }

    /// Texte dont la ligne de base est à `y` points du haut de la page.
    #[allow(clippy::too_many_arguments)]
    pub fn texte(
        &mut self,
        polices: &Polices,
        ids: &(FontId, FontId),
        x: f32,
        y: f32,
        texte: &str,
        gras: bool,
        taille: f32,
        col: Color,
    ) {
        if texte.is_empty() {
            return;
        }
        let id = if gras { ids.1.clone() } else { ids.0.clone() };
        self.ops.extend([
            Op::StartTextSection,
            Op::SetFillColor { col },
            Op::SetFont {
                font: PdfFontHandle::External(id),
                size: Pt(taille),
            },
            Op::SetTextCursor {
                pos: Point {
                    x: Pt(x),
                    y: Pt(HAUTEUR_PAGE - y),
                },
            },
            Op::ShowText {
                items: vec![TextItem::Text(polices.affichable(texte, gras))],
            },
            Op::EndTextSection,
        ]);
    }

    pub fn trait_(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, epaisseur: f32, col: Color) {
        let p = |x: f32, y: f32| LinePoint {
            p: Point {
                x: Pt(x),
                y: Pt(HAUTEUR_PAGE - y),
            },
            bezier: false,
        };
        self.ops.extend([
            Op::SetOutlineColor { col },
            Op::SetOutlineThickness { pt: Pt(epaisseur) },
            Op::DrawLine {
                line: Line {
                    points: vec![p(x1, y1), p(x2, y2)],
                    is_closed: false,
                },
            },
        ]);
    }

    /// Rectangle plein dont le coin haut-gauche est (x, y).
    pub fn rectangle(&mut self, x: f32, y: f32, largeur: f32, hauteur: f32, col: Color) {
        self.ops.extend([
            Op::SetFillColor { col },
            Op::DrawRectangle {
                rectangle: Rect {
                    x: Pt(x),
                    y: Pt(HAUTEUR_PAGE - y - hauteur),
                    width: Pt(largeur),
                    height: Pt(hauteur),
                    mode: Some(PaintMode::Fill),
                    winding_order: None,
                },
            },
        ]);
    }
}

/// Les caractères que les pages impriment dans la police `id`.
pub(super) fn caracteres_employes(pages: &[Page], id: &FontId) -> BTreeSet<char> {
    let mut employes = BTreeSet::new();
    let mut courante = None;
    for op in pages.iter().flat_map(|p| &p.ops) {
        match op {
            Op::SetFont {
                font: PdfFontHandle::External(f),
                ..
            } => courante = Some(f),
            Op::ShowText { items } if courante == Some(id) => {
                for item in items {
                    if let TextItem::Text(t) = item {
                        employes.extend(t.chars());
                    }
                }
            }
            _ => {}
        }
    }
    employes
}
