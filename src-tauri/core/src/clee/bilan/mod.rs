//! Bilan annuel des CLEE, par année scolaire (1er septembre – 31 août), pour un comité ou pour
//! tous les comités d'une académie :
//! - réunions tenues : datées dans l'année scolaire et au plus tard le jour de l'édition ;
//! - assiduité d'un collège : présents / personnes pointées (présent, excusé ou absent) de ce
//!   collège aux réunions tenues ; les invités forment leur propre ligne ;
//! - actions : celles du comité datées dans l'année scolaire, jeunes = filles + garçons ;
//! - partenaires : organisations citées par ces actions, et partenaires déclarés des comités ;
//! - actions de suivi ouvertes : décidées avant la fin de l'année et non closes à cette date.
//!
//! Ici le modèle (SQL seulement) ; la mise en page est dans `rendu.rs`.

mod rendu;

pub use rendu::rendre_bilan;

use super::actions::{self as actions_clee, FiltreActionsClee};
use super::comites::{self, Comite, FiltreComites};
use crate::liste::ParametresListe;
use crate::rapport::{self, Document};
use crate::reunions::{self, documents::libelle_college, Cadre, College, EtatPresence};
use crate::vocabulaire::Code;
use crate::{dates, texte, Erreur, Resultat};
use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy)]
pub enum Perimetre {
    Comite(i64),
    Academie(i64),
    Tous,
}

#[derive(Debug, Serialize)]
pub struct LigneReunion {
    pub comite: String,
    pub date: NaiveDate,
    pub type_: String,
    pub presents: i64,
    pub excuses: i64,
    pub absents: i64,
}

#[derive(Debug, Default, Clone, PartialEq)]
pub struct Assiduite {
    pub college: String,
    pub presents: i64,
    pub excuses: i64,
    pub absents: i64,
}

impl Assiduite {
    pub fn pointes(&self) -> i64 {
        self.presents + self.excuses + self.absents
    }
    /// Taux de présence en pour cent entier (arrondi), `None` si personne n'a été pointé.
    pub fn taux(&self) -> Option<i64> {
        (self.pointes() > 0)
            .then(|| (self.presents as f64 * 100.0 / self.pointes() as f64).round() as i64)
    }
}

/// Sérialisée avec son taux, pour que l'écran n'ait pas à le recalculer.
impl Serialize for Assiduite {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Assiduite", 5)?;
        st.serialize_field("college", &self.college)?;
        st.serialize_field("presents", &self.presents)?;
        st.serialize_field("excuses", &self.excuses)?;
        st.serialize_field("absents", &self.absents)?;
        st.serialize_field("taux", &self.taux())?;
        st.end()
    }
}

#[derive(Debug, Default, Clone, Serialize)]
pub struct LigneActions {
    pub type_: String,
    pub actions: i64,
    pub filles: i64,
    pub garcons: i64,
    pub enseignants: i64,
}

impl LigneActions {
    /// Compte l'action et ajoute ses effectifs ; une base aux nombres absurdes donne un
    /// message, pas un total faux ni un arrêt.
    fn ajouter(&mut self, a: &actions_clee::ActionClee) -> Resultat<()> {
        use crate::nombres::somme;
        self.actions = somme(self.actions, 1)?;
        self.filles = somme(self.filles, a.filles)?;
        self.garcons = somme(self.garcons, a.garcons)?;
        self.enseignants = somme(self.enseignants, a.enseignants)?;
        // Le rendu additionne filles et garçons : la somme doit tenir.
        somme(self.filles, self.garcons)?;
        Ok(())
    }
}

#[derive(Debug, Serialize)]
pub struct BilanClee {
    pub annee_scolaire: String,
    pub perimetre: String,
    pub comites: Vec<Comite>,
    pub reunions: Vec<LigneReunion>,
    /// Une ligne par collège (dans l'ordre des collèges), puis les invités, puis le total.
    pub assiduite: Vec<Assiduite>,
    /// Une ligne par type d'action, puis le total.
    pub actions: Vec<LigneActions>,
    pub partenaires: Vec<(String, i64)>,
    pub ouvertes: Vec<(String, reunions::ActionSuivi)>,
    /// Jour de l'édition : les réunions tenues le sont au plus tard ce jour-là.
    pub edite_le: NaiveDate,
    /// Dans une base de consolidation : les sources reçues pour cette année (« 24 sources, … »).
    pub sources: Option<String>,
}

/// Le modèle du bilan au jour `aujourdhui` (jour de l'édition).
pub fn modele_bilan(
    conn: &Connection,
    annee: i32,
    perimetre: Perimetre,
    aujourdhui: NaiveDate,
) -> Resultat<BilanClee> {
    dates::Periode::Scolaire(annee)
        .verifier()
        .map_err(|m| Erreur::validation("annee_scolaire", m))?;
    let (comites, libelle) = comites_du_perimetre(conn, perimetre)?;
    let academie_id = match perimetre {
        Perimetre::Academie(a) => Some(a),
        Perimetre::Comite(_) => comites.first().map(|c| c.academie_id),
        Perimetre::Tous => None,
    };
    let (reunions, assiduite, ouvertes) = reunions_tenues(conn, &comites, annee, aujourdhui)?;
    let (actions, partenaires) = actions_et_partenaires(conn, &comites, annee)?;
    Ok(BilanClee {
        sources: crate::consolidation::couverture(
            conn,
            crate::consolidation::Perimetre::Clee,
            &dates::Periode::Scolaire(annee).libelle(),
            academie_id,
        )?,
        annee_scolaire: dates::Periode::Scolaire(annee).libelle(),
        perimetre: libelle,
        comites,
        reunions,
        assiduite,
        actions,
        partenaires,
        ouvertes,
        edite_le: aujourdhui,
    })
}

/// Les comités du périmètre et le libellé du périmètre.
fn comites_du_perimetre(
    conn: &Connection,
    perimetre: Perimetre,
) -> Resultat<(Vec<Comite>, String)> {
    let tous = FiltreComites {
        liste: ParametresListe {
            limite: Some(100_000),
            ..Default::default()
        },
        ..Default::default()
    };
    Ok(match perimetre {
        Perimetre::Comite(id) => {
            let c = comites::lire(conn, id)?;
            let l = c.nom.clone();
            (vec![c], l)
        }
        Perimetre::Academie(a) => {
            let nom = crate::annuaire::academies::lire(conn, a)?.nom;
            (
                comites::lister(
                    conn,
                    &FiltreComites {
                        academie_id: Some(a),
                        ..tous
                    },
                )?
                .lignes,
                format!("Académie {}", crate::annuaire::academies::de(&nom)),
            )
        }
        Perimetre::Tous => (
            comites::lister(conn, &tous)?.lignes,
            "Tous les comités".into(),
        ),
    })
}

/// Les réunions tenues (triées par date), l'assiduité par collège avec son total, et les
/// actions de suivi ouvertes en fin d'année.
type Reunions = (
    Vec<LigneReunion>,
    Vec<Assiduite>,
    Vec<(String, reunions::ActionSuivi)>,
);

fn reunions_tenues(
    conn: &Connection,
    comites: &[Comite],
    annee: i32,
    aujourdhui: NaiveDate,
) -> Resultat<Reunions> {
    let (debut, fin) = dates::Periode::Scolaire(annee).bornes();
    let mut lignes_reunions = Vec::new();
    let mut par_college: BTreeMap<usize, Assiduite> = BTreeMap::new();
    let mut ouvertes = Vec::new();
    for c in comites {
        let cadre = Cadre::Comite(c.id);
        for r in reunions::lister(conn, cadre)?
            .into_iter()
            .filter(|r| r.date >= debut && r.date <= fin && r.date <= aujourdhui)
        {
            let mut l = LigneReunion {
                comite: c.nom.clone(),
                date: r.date,
                type_: r.type_.libelle().into(),
                presents: 0,
                excuses: 0,
                absents: 0,
            };
            for p in reunions::presences(conn, r.id)? {
                // Les invités (sans collège) après les collèges, dans l'ordre de la liste.
                let rang = p.college.map_or(College::TOUS.len(), |c| c as usize);
                let a = par_college.entry(rang).or_insert_with(|| Assiduite {
                    college: libelle_college(p.college).into(),
                    ..Default::default()
                });
                match p.etat {
                    Some(EtatPresence::Present) => (a.presents += 1, l.presents += 1),
                    Some(EtatPresence::Excuse) => (a.excuses += 1, l.excuses += 1),
                    Some(EtatPresence::Absent) => (a.absents += 1, l.absents += 1),
                    None => ((), ()),
                };
            }
            lignes_reunions.push(l);
        }
        for a in reunions::actions(conn, cadre, Some(fin.succ_opt().unwrap_or(fin)))? {
            ouvertes.push((c.nom.clone(), a));
        }
    }
    lignes_reunions.sort_by(|a, b| (a.date, &a.comite).cmp(&(b.date, &b.comite)));
    let mut assiduite: Vec<Assiduite> = par_college
        .into_values()
        .filter(|a| a.pointes() > 0)
        .collect();
    let total = assiduite.iter().fold(
        Assiduite {
            college: "Ensemble".into(),
            ..Default::default()
        },
        |mut t, a| {
            t.presents += a.presents;
            t.excuses += a.excuses;
            t.absents += a.absents;
            t
        },
    );
    assiduite.push(total);

    Ok((lignes_reunions, assiduite, ouvertes))
}

/// Les actions par type (puis le total) et les organisations citées, les plus citées d'abord.
type ActionsEtPartenaires = (Vec<LigneActions>, Vec<(String, i64)>);

fn actions_et_partenaires(
    conn: &Connection,
    comites: &[Comite],
    annee: i32,
) -> Resultat<ActionsEtPartenaires> {
    let mut par_type: BTreeMap<usize, LigneActions> = BTreeMap::new();
    let mut partenaires: BTreeMap<String, i64> = BTreeMap::new();
    let mut total_actions = LigneActions {
        type_: "Total".into(),
        ..Default::default()
    };
    for c in comites {
        let f = FiltreActionsClee {
            comite_id: Some(c.id),
            annee_scolaire: Some(annee),
            liste: ParametresListe {
                limite: Some(100_000),
                ..Default::default()
            },
            ..Default::default()
        };
        for a in actions_clee::lister(conn, &f)?.lignes {
            let l = par_type
                .entry(a.type_ as usize)
                .or_insert_with(|| LigneActions {
                    type_: a.type_.libelle().into(),
                    ..Default::default()
                });
            for l in [l, &mut total_actions] {
                l.ajouter(&a)?;
            }
            for o in a.organisations.split(", ").filter(|o| !o.is_empty()) {
                *partenaires.entry(o.to_string()).or_default() += 1;
            }
        }
    }
    let mut actions: Vec<LigneActions> = par_type.into_values().collect();
    actions.push(total_actions);
    let mut partenaires: Vec<(String, i64)> = partenaires.into_iter().collect();
    partenaires.sort_by(|a, b| {
        b.1.cmp(&a.1)
            .then_with(|| texte::normaliser(&a.0).cmp(&texte::normaliser(&b.0)))
    });
    Ok((actions, partenaires))
}

/// Le bilan au jour de l'édition, l'année scolaire écrite « 2025-2026 ».
pub fn modele_bilan_du_jour(
    conn: &Connection,
    annee_scolaire: &str,
    perimetre: Perimetre,
) -> Resultat<BilanClee> {
    let annee = dates::lire_annee_scolaire(annee_scolaire)
        .map_err(|m| Erreur::validation("annee_scolaire", m))?;
    modele_bilan(conn, annee, perimetre, rapport::aujourdhui())
}

/// Le bilan à enregistrer (« Bilan CLEE 2025-2026 - CLEE du bassin de Lens.pdf »).
pub fn document_bilan(
    conn: &Connection,
    annee_scolaire: &str,
    perimetre: Perimetre,
) -> Resultat<Document> {
    let modele = modele_bilan_du_jour(conn, annee_scolaire, perimetre)?;
    Document::pdf(
        &format!(
            "Bilan CLEE {} - {}",
            modele.annee_scolaire, modele.perimetre
        ),
        &rendre_bilan(&modele),
    )
}
