//! Mise en page : les blocs sont placés de haut en bas, page après page. Un bloc qui ne tient
//! plus passe à la page suivante (les paragraphes se coupent entre deux lignes, les tableaux
//! entre deux rangées en répétant leur en-tête) ; un titre emmène toujours avec lui le début
//! de ce qui le suit.

use super::dessin::{bleu, caracteres_employes, gris, noir, Page, HAUTEUR_PAGE, LARGEUR_PAGE};
use super::polices::{polices, Polices, MARQUE};
use super::{Bloc, Colonne, Rapport};
use crate::{Erreur, Resultat};
use printpdf::{Color, FontId, Mm, PdfDocument, PdfFont, PdfPage, PdfSaveOptions};
use std::collections::BTreeSet;

pub(super) const MARGE: f32 = 56.7; // 20 mm
pub(super) const HAUT_CONTENU: f32 = 78.0;
pub(super) const BAS_CONTENU: f32 = HAUTEUR_PAGE - 60.0;
pub(super) const LARGEUR: f32 = LARGEUR_PAGE - 2.0 * MARGE;

/// Taille, interligne, gras, couleur et espace avant chaque sorte de texte.
struct Style {
    taille: f32,
    interligne: f32,
    gras: bool,
    avant: f32,
    apres: f32,
}

const TITRE1: Style = Style {
    taille: 16.0,
    interligne: 20.0,
    gras: true,
    avant: 16.0,
    apres: 6.0,
};
const TITRE2: Style = Style {
    taille: 13.0,
    interligne: 17.0,
    gras: true,
    avant: 12.0,
    apres: 4.0,
};
const TITRE3: Style = Style {
    taille: 11.0,
    interligne: 14.5,
    gras: true,
    avant: 10.0,
    apres: 3.0,
};
const TEXTE: Style = Style {
    taille: 10.0,
    interligne: 14.0,
    gras: false,
    avant: 0.0,
    apres: 6.0,
};
const NOTE: Style = Style {
    taille: 8.5,
    interligne: 11.5,
    gras: false,
    avant: 0.0,
    apres: 4.0,
};
pub(super) const CELLULE: f32 = 9.0;
pub(super) const INTERLIGNE_CELLULE: f32 = 11.5;
pub(super) const MARGE_CELLULE: f32 = 4.0;

pub(super) struct Mise<'a> {
    pub(super) polices: &'a Polices,
    ids: (FontId, FontId),
    pub(super) pages: Vec<Page>,
    pub(super) y: f32,
    /// Les caractères imprimés `MARQUE` faute de glyphe, pour l'avertissement.
    absents: BTreeSet<char>,
}

impl Mise<'_> {
    pub(super) fn nouvelle_page(&mut self) {
        self.pages.push(Page::new());
        self.y = HAUT_CONTENU;
    }

    pub(super) fn reste(&self) -> f32 {
        BAS_CONTENU - self.y
    }

    /// Passe à la page suivante si `hauteur` ne tient plus (jamais sur une page vide).
    pub(super) fn assurer(&mut self, hauteur: f32) {
        if hauteur > self.reste() && self.y > HAUT_CONTENU + 0.1 {
            self.nouvelle_page();
        }
    }

    pub(super) fn page(&mut self) -> &mut Page {
        self.pages.last_mut().expect("au moins une page")
    }

    pub(super) fn ecrire(
        &mut self,
        x: f32,
        y: f32,
        texte: &str,
        gras: bool,
        taille: f32,
        col: Color,
    ) {
        let (polices, ids) = (self.polices, self.ids.clone());
        self.absents.extend(polices.absents(texte, gras));
        self.page()
            .texte(polices, &ids, x, y, texte, gras, taille, col);
    }

    /// Lignes de texte, coupées entre deux lignes si la page se termine.
    fn lignes(&mut self, lignes: &[String], x: f32, s: &Style, col: Color) {
        for l in lignes {
            self.assurer(s.interligne);
            self.y += s.interligne;
            self.ecrire(
                x,
                self.y - s.interligne * 0.28,
                l,
                s.gras,
                s.taille,
                col.clone(),
            );
        }
    }

    fn couper(&self, texte: &str, s: &Style, largeur: f32) -> Vec<String> {
        self.polices.couper(texte, s.gras, s.taille, largeur)
    }

    /// Hauteur minimale qu'un titre doit trouver sous lui : le début du bloc suivant.
    fn debut_de(&self, bloc: Option<&Bloc>) -> f32 {
        match bloc {
            Some(Bloc::Paragraphe(t)) | Some(Bloc::ParagrapheGras(t)) => {
                self.couper(t, &TEXTE, LARGEUR).len().min(2) as f32 * TEXTE.interligne
            }
            Some(Bloc::Note(t)) => {
                self.couper(t, &NOTE, LARGEUR).len().min(2) as f32 * NOTE.interligne
            }
            Some(Bloc::Liste(items)) => items.first().map_or(0.0, |i| {
                self.couper(i, &TEXTE, LARGEUR - 14.0).len().min(2) as f32 * TEXTE.interligne
            }),
            Some(Bloc::Tableau {
                colonnes, lignes, ..
            }) => self.debut_du_tableau(colonnes, lignes),
            Some(Bloc::Histogramme { .. }) => 40.0,
            Some(Bloc::Titre1(_)) | Some(Bloc::Titre2(_)) | Some(Bloc::Titre3(_)) => 60.0,
            _ => 0.0,
        }
    }

    fn titre(&mut self, texte: &str, s: &Style, col: Color, suivant: Option<&Bloc>) {
        let lignes = self.couper(texte, s, LARGEUR);
        let hauteur = s.avant + lignes.len() as f32 * s.interligne + s.apres;
        self.assurer(hauteur + self.debut_de(suivant));
        if self.y > HAUT_CONTENU + 0.1 {
            self.y += s.avant;
        }
        self.lignes(&lignes, MARGE, s, col);
        self.y += s.apres;
    }

    fn paragraphe(&mut self, texte: &str, s: &Style, col: Color) {
        let lignes = self.couper(texte, s, LARGEUR);
        self.lignes(&lignes, MARGE, s, col);
        self.y += s.apres;
    }

    fn liste(&mut self, items: &[String]) {
        for item in items {
            let lignes = self.couper(item, &TEXTE, LARGEUR - 14.0);
            self.assurer(TEXTE.interligne);
            self.ecrire(
                MARGE + 2.0,
                self.y + TEXTE.interligne * 0.72,
                "•",
                false,
                TEXTE.taille,
                noir(),
            );
            self.lignes(&lignes, MARGE + 14.0, &TEXTE, noir());
            self.y += 2.0;
        }
        self.y += TEXTE.apres;
    }

    fn histogramme(&mut self, titre: &str, barres: &[(String, f64)]) {
        let titre_style = Style {
            taille: 10.0,
            interligne: 14.0,
            gras: true,
            avant: 0.0,
            apres: 4.0,
        };
        let largeur_libelle = LARGEUR * 0.42;
        let zone = LARGEUR - largeur_libelle - 8.0 - 44.0;
        let max = barres.iter().map(|b| b.1).fold(0.0_f64, f64::max);
        let libelles: Vec<Vec<String>> = barres
            .iter()
            .map(|(libelle, _)| {
                let mut lignes =
                    self.polices
                        .couper(libelle, false, CELLULE, largeur_libelle - 4.0);
                if lignes.len() > 2 {
                    lignes.truncate(2);
                    lignes[1].push('…');
                }
                lignes
            })
            .collect();
        let hauteur_de =
            |lignes: &Vec<String>| (lignes.len() as f32 * INTERLIGNE_CELLULE).max(12.0) + 5.0;
        // Un histogramme qui tient sur une page n'est pas coupé : titre et barres restent ensemble.
        let total: f32 = titre_style.interligne
            + titre_style.apres
            + libelles.iter().map(hauteur_de).sum::<f32>()
            + 12.0;
        self.assurer(if total <= BAS_CONTENU - HAUT_CONTENU {
            total
        } else {
            titre_style.interligne + 20.0
        });
        self.paragraphe(titre, &titre_style, noir());
        for ((_, valeur), lignes) in barres.iter().zip(&libelles) {
            let hauteur = hauteur_de(lignes);
            let longueur = if max > 0.0 {
                (*valeur / max) as f32 * zone
            } else {
                0.0
            };
            self.barre(lignes, hauteur, *valeur, longueur, largeur_libelle);
        }
        let y = self.y - 2.0;
        self.page().trait_(
            MARGE + largeur_libelle + 4.0,
            y,
            MARGE + largeur_libelle + 4.0 + zone,
            y,
            0.4,
            gris(0.6),
        );
        self.y += 10.0;
    }

    /// Une barre de l'histogramme : libellé à droite de sa colonne, barre, valeur au bout.
    fn barre(
        &mut self,
        lignes: &[String],
        hauteur: f32,
        valeur: f64,
        longueur: f32,
        largeur_libelle: f32,
    ) {
        self.assurer(hauteur);
        let haut = self.y;
        for (i, l) in lignes.iter().enumerate() {
            let w = self.polices.largeur(l, false, CELLULE);
            self.ecrire(
                MARGE + largeur_libelle - 4.0 - w,
                haut + (i as f32 + 1.0) * INTERLIGNE_CELLULE - 2.0,
                l,
                false,
                CELLULE,
                noir(),
            );
        }
        let x = MARGE + largeur_libelle + 4.0;
        let milieu = haut + hauteur / 2.0 - 2.5;
        self.page()
            .rectangle(x, milieu - 5.0, longueur.max(0.5), 10.0, bleu());
        let texte = crate::texte::nombre(valeur.round() as i64);
        self.ecrire(
            x + longueur + 4.0,
            milieu + 3.2,
            &texte,
            false,
            CELLULE,
            noir(),
        );
        self.y += hauteur;
    }

    // En-tête courant et pied « Passerelle X.Y.Z … page N / T » : le total n'est connu qu'une
    // fois tout placé ; la version dit quel programme a écrit le document.
    fn entetes_et_pieds(&mut self, entete: &str, premiere: usize) {
        let programme = format!("Passerelle {}", crate::VERSION);
        let total = self.pages.len();
        if total > premiere {
            self.absents.extend(self.polices.absents(entete, false));
        }
        let entete = self.polices.tronquer(entete, false, 8.0, LARGEUR);
        for n in premiere..total {
            let (polices, ids) = (self.polices, self.ids.clone());
            let page = &mut self.pages[n];
            page.texte(polices, &ids, MARGE, 40.0, &entete, false, 8.0, gris(0.35));
            page.trait_(MARGE, 46.0, MARGE + LARGEUR, 46.0, 0.5, gris(0.6));
            let y_pied = HAUTEUR_PAGE - 30.0;
            page.texte(
                polices,
                &ids,
                MARGE,
                y_pied,
                &programme,
                false,
                8.5,
                gris(0.35),
            );
            let pied = format!("page {} / {total}", n + 1);
            let w = polices.largeur(&pied, false, 8.5);
            page.texte(
                polices,
                &ids,
                MARGE + LARGEUR - w,
                y_pied,
                &pied,
                false,
                8.5,
                gris(0.35),
            );
        }
    }

    fn couverture(&mut self, c: &super::Couverture) {
        let page = Page::new();
        self.pages.push(page);
        self.page().rectangle(0.0, 0.0, LARGEUR_PAGE, 12.0, bleu());
        self.y = 250.0;
        let grand = Style {
            taille: 24.0,
            interligne: 31.0,
            gras: true,
            avant: 0.0,
            apres: 10.0,
        };
        let lignes = self.couper(&c.titre, &grand, LARGEUR);
        self.lignes(&lignes, MARGE, &grand, bleu());
        self.y += grand.apres;
        if let Some(s) = &c.sous_titre {
            let moyen = Style {
                taille: 15.0,
                interligne: 20.0,
                gras: false,
                avant: 0.0,
                apres: 16.0,
            };
            self.paragraphe(s, &moyen, noir());
        }
        let y = self.y;
        self.page().trait_(MARGE, y, MARGE + 120.0, y, 2.0, bleu());
        self.y += 18.0;
        let ligne = Style {
            taille: 12.0,
            interligne: 18.0,
            gras: false,
            avant: 0.0,
            apres: 0.0,
        };
        for l in &c.lignes {
            self.paragraphe(l, &ligne, noir());
        }
        self.ecrire(
            MARGE,
            HAUTEUR_PAGE - 50.0,
            "Passerelle – relation École-entreprise",
            false,
            9.0,
            gris(0.4),
        );
    }
}

pub(super) fn largeurs(colonnes: &[Colonne]) -> Vec<f32> {
    let total: f32 = colonnes.iter().map(|c| c.largeur.max(0.1)).sum();
    colonnes
        .iter()
        .map(|c| c.largeur.max(0.1) / total * LARGEUR)
        .collect()
}

/// Met le rapport en page et rend les octets du PDF.
pub fn rendre_pdf(r: &Rapport) -> Resultat<Vec<u8>> {
    Ok(rendre_pdf_et_avertissements(r)?.0)
}

/// Un avertissement par caractère absent de la police, imprimé comme la marque visible.
fn avertissements(absents: &BTreeSet<char>) -> Vec<String> {
    absents
        .iter()
        .map(|c| {
            let montre = if c.is_control() {
                String::new()
            } else {
                format!("« {c} » ")
            };
            format!(
                "Le caractère {montre}(U+{:04X}) n'existe pas dans la police des rapports : il est imprimé « {MARQUE} ».",
                *c as u32
            )
        })
        .collect()
}

/// Comme `rendre_pdf`, avec la liste des avertissements à montrer à l'utilisateur (caractères
/// que la police n'a pas et qui sont imprimés comme une marque visible).
pub fn rendre_pdf_et_avertissements(r: &Rapport) -> Resultat<(Vec<u8>, Vec<String>)> {
    let polices = polices().map_err(Erreur::Pdf)?;
    let mut doc = PdfDocument::new(&r.titre);
    // Les polices s'ajoutent après la mise en page, réduites aux caractères imprimés.
    let ids = (FontId::new(), FontId::new());
    let mut m = Mise {
        polices,
        ids,
        pages: Vec::new(),
        y: HAUT_CONTENU,
        absents: BTreeSet::new(),
    };
    if let Some(c) = &r.couverture {
        m.couverture(c);
    }
    m.nouvelle_page();
    for (i, bloc) in r.blocs.iter().enumerate() {
        let suivant = r.blocs.get(i + 1);
        match bloc {
            Bloc::Titre1(t) => m.titre(t, &TITRE1, bleu(), suivant),
            Bloc::Titre2(t) => m.titre(t, &TITRE2, bleu(), suivant),
            Bloc::Titre3(t) => m.titre(t, &TITRE3, noir(), suivant),
            Bloc::Paragraphe(t) => m.paragraphe(t, &TEXTE, noir()),
            Bloc::ParagrapheGras(t) => m.paragraphe(
                t,
                &Style {
                    gras: true,
                    ..TEXTE
                },
                noir(),
            ),
            Bloc::Note(t) => m.paragraphe(t, &NOTE, gris(0.35)),
            Bloc::Liste(items) => m.liste(items),
            Bloc::Tableau {
                colonnes,
                lignes,
                gras_derniere_ligne,
            } => m.tableau(colonnes, lignes, *gras_derniere_ligne),
            Bloc::Histogramme { titre, barres } => m.histogramme(titre, barres),
            Bloc::Espace(mm) => m.y += mm * 2.835,
            Bloc::SautDePage => m.nouvelle_page(),
        }
    }
    m.entetes_et_pieds(&r.entete, usize::from(r.couverture.is_some()));
    let avertissements = avertissements(&m.absents);
    for (id, gras) in [(&m.ids.0, false), (&m.ids.1, true)] {
        let mut police = polices
            .sous_ensemble(gras, &caracteres_employes(&m.pages, id))
            .map_err(Erreur::Pdf)?;
        // Une police réduite porte un préfixe de six capitales (ISO 32000-1, 9.6.4).
        let prefixe = id.0.get(..6).unwrap_or("PASSER");
        let nom = if gras {
            "DejaVuSans-Bold"
        } else {
            "DejaVuSans"
        };
        police.font_name = Some(format!("{prefixe}+{nom}"));
        doc.resources
            .fonts
            .map
            .insert(id.clone(), PdfFont::new(police));
    }
    let pages = m
        .pages
        .into_iter()
        .map(|p| PdfPage::new(Mm(210.0), Mm(297.0), p.ops))
        .collect();
    let octets = doc
        .with_pages(pages)
        .save(&PdfSaveOptions::default(), &mut Vec::new());
    Ok((octets, avertissements))
}
