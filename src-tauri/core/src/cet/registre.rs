//! Le registre des conseillers entreprise pour l'École (CET) : la personne de l'annuaire, son
//! statut, son employeur, son secteur et sa CPC, qui l'a proposé, ses missions, ses
//! établissements de référence et ses participations aux jurys. Les mandats sont dans `mandats`.

use super::mandats::{self, EtatMandat};
use crate::base::Ligne;
use crate::liste::{self, Filtre, Liste, ParametresListe, Requete};
use crate::vocabulaire::Code;
use crate::{dates, texte, Controle, Erreur, Resultat};
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

pub use super::{Designation, Mission, StatutPro};

#[derive(Debug, Clone, Serialize, Ligne)]
pub struct Cet {
    pub id: i64,
    pub personne_id: i64,
    pub civilite: String,
    pub nom: String,
    pub prenom: String,
    pub email: String,
    pub telephone: String,
    pub statut_pro: StatutPro,
    pub employeur_id: Option<i64>,
    pub employeur: Option<String>,
    pub secteur: String,
    pub cpc_id: Option<i64>,
    pub cpc: Option<String>,
    pub specialites: String,
    pub designation: Designation,
    pub organisation_proposante_id: Option<i64>,
    pub organisation_proposante: Option<String>,
    pub academie_id: i64,
    pub academie: String,
    pub bassin_id: Option<i64>,
    pub bassin: Option<String>,
    #[ligne(avec = missions)]
    pub missions: Vec<String>,
    #[ligne(avec = liste::ids)]
    pub etablissement_ids: Vec<i64>,
    #[ligne(avec = Option::unwrap_or_default)]
    pub etablissements: String,
    pub date_arrete: Option<NaiveDate>,
    #[ligne(colonne = "debut")]
    pub debut_mandat: Option<NaiveDate>,
    #[ligne(colonne = "fin")]
    pub fin_mandat: Option<NaiveDate>,
    #[ligne(defaut)]
    pub etat_mandat: EtatMandat,
    pub derniere_participation: Option<NaiveDate>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct SaisieCet {
    pub personne_id: Option<i64>,
    pub statut_pro: String,
    pub employeur_id: Option<i64>,
    pub secteur: String,
    pub cpc_id: Option<i64>,
    pub specialites: String,
    pub designation: String,
    pub organisation_proposante_id: Option<i64>,
    pub academie_id: Option<i64>,
    pub bassin_id: Option<i64>,
    pub missions: Vec<String>,
    pub etablissement_ids: Vec<i64>,
    /// Premier mandat, à la création seulement (les suivants passent par `mandats`).
    pub date_arrete: String,
    pub debut_mandat: String,
    pub fin_mandat: String,
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct FiltreCet {
    #[serde(flatten)]
    pub liste: ParametresListe,
    pub secteur: Option<String>,
    pub cpc_id: Option<i64>,
    /// Organisation qui a proposé le CET, ou son employeur.
    pub organisation_id: Option<i64>,
    pub academie_id: Option<i64>,
    pub bassin_id: Option<i64>,
    pub etat_mandat: Option<String>,
    /// Sans participation à une animation depuis ce nombre d'années.
    pub inactif_depuis_ans: Option<i64>,
}

const REQUETE: Requete = Requete {
    colonnes: "
        x.id AS id,
        x.personne_id AS personne_id,
        p.civilite AS civilite,
        p.nom AS nom,
        p.prenom AS prenom,
        p.email AS email,
        p.telephone AS telephone,
        x.statut_pro AS statut_pro,
        x.employeur_id AS employeur_id,
        e.nom AS employeur,
        x.secteur AS secteur,
        x.cpc_id AS cpc_id,
        c.nom AS cpc,
        x.specialites AS specialites,
        x.designation AS designation,
        x.organisation_proposante_id AS organisation_proposante_id,
        op.nom AS organisation_proposante,
        x.academie_id AS academie_id,
        a.nom AS academie,
        x.bassin_id AS bassin_id,
        b.nom AS bassin,
        x.missions AS missions,
        (SELECT group_concat(etablissement_id) FROM cet_etablissement WHERE cet_id = x.id) AS etablissement_ids,
        m.date_arrete AS date_arrete,
        m.debut AS debut,
        m.fin AS fin,
        (SELECT max(r.date) FROM reunion_presence rp JOIN reunion r ON r.id = rp.reunion_id
            WHERE rp.personne_id = x.personne_id AND rp.etat = 'present' AND r.academie_id IS NOT NULL) AS derniere_participation,
        (SELECT group_concat(et.nom, ', ') FROM cet_etablissement ce JOIN etablissement et ON et.id = ce.etablissement_id WHERE ce.cet_id = x.id) AS etablissements
    ",
    tables: concat!(
        "cet x JOIN personne p ON p.id = x.personne_id LEFT JOIN academie a ON a.id = x.academie_id
            LEFT JOIN organisation e ON e.id = x.employeur_id LEFT JOIN organisation op ON op.id = x.organisation_proposante_id
            LEFT JOIN cpc c ON c.id = x.cpc_id LEFT JOIN bassin b ON b.id = x.bassin_id
            LEFT ",
        super::mandats::jointure_mandat_recent!()
    ),
    id: "x.id",
};

const TRIS: &[(&str, &str)] = &[
    // La clé de la personne commence par « nom prénom » normalisés : même ordre, et SQLite lit
    // les CET dans l'ordre de l'index personne_recherche au lieu de trier tout le registre.
    ("nom", "p.recherche, p.id"),
    ("secteur", "normaliser(x.secteur)"),
    ("cpc", "normaliser(coalesce(c.nom, ''))"),
    ("fin_mandat", "m.fin"),
    ("organisation", "normaliser(coalesce(op.nom, ''))"),
];

/// Une fiche du registre, l'état de son mandat pris au jour `aujourdhui`.
fn ligne(aujourdhui: NaiveDate) -> impl Fn(&Row) -> rusqlite::Result<Cet> {
    move |r: &Row| {
        let mut cet = Cet::depuis_ligne(r)?;
        cet.etat_mandat = mandats::etat(cet.debut_mandat, cet.fin_mandat, aujourdhui);
        Ok(cet)
    }
}

/// Les missions, rangées séparées par des virgules.
fn missions(rangees: String) -> Vec<String> {
    rangees
        .split(',')
        .filter(|m| !m.is_empty())
        .map(String::from)
        .collect()
}

pub fn lister(conn: &Connection, f: &FiltreCet) -> Resultat<Liste<Cet>> {
    lister_au(conn, f, chrono::Local::now().date_naive())
}

/// La liste telle qu'elle est au jour `aujourdhui` (états des mandats, inactivité).
pub fn lister_au(conn: &Connection, f: &FiltreCet, aujourdhui: NaiveDate) -> Resultat<Liste<Cet>> {
    let mut filtre = Filtre::default();
    filtre
        .recherche_indexee(
            conn,
            ("x.id", "cet", "x.recherche"),
            &[("personne_id", "personne", "p.recherche")],
            &f.liste.recherche,
        )
        .egal("x.secteur", f.secteur.clone().filter(|s| !s.is_empty()))
        .egal("x.cpc_id", f.cpc_id)
        .egal("x.academie_id", f.academie_id)
        .egal("x.bassin_id", f.bassin_id);
    if let Some(o) = f.organisation_id {
        filtre.condition_liee(
            "(x.organisation_proposante_id = {} OR x.employeur_id = {})",
            [o, o],
        );
    }
    if let Some(e) = f.etat_mandat.as_deref().filter(|e| !e.is_empty()) {
        let (sql, valeurs) = mandats::condition_etat(e, aujourdhui)
            .map_err(|m| Erreur::validation("etat_mandat", m))?;
        filtre.condition_liee(&sql, valeurs);
    }
    if let Some(ans) = f.inactif_depuis_ans {
        if ans < 1 {
            return Err(Erreur::validation(
                "inactif_depuis_ans",
                "Le nombre d'années sans participation est au moins 1.",
            ));
        }
        let depuis = aujourdhui
            .checked_sub_months(chrono::Months::new(12 * ans as u32))
            .unwrap_or(aujourdhui);
        filtre.condition_liee(
            "NOT EXISTS (SELECT 1 FROM reunion_presence rp JOIN reunion r ON r.id = rp.reunion_id
               WHERE rp.personne_id = x.personne_id AND rp.etat = 'present' AND r.academie_id IS NOT NULL AND r.date > {} AND r.date <= {})",
            [dates::iso(depuis), dates::iso(aujourdhui)],
        );
    }
    filtre.lister(conn, &REQUETE, TRIS, &f.liste, ligne(aujourdhui))
}

pub fn lire(conn: &Connection, id: i64) -> Resultat<Cet> {
    liste::lire_un(
        conn,
        &REQUETE,
        "x.id",
        id,
        "Le CET",
        ligne(chrono::Local::now().date_naive()),
    )
}

/// Secteurs déjà saisis, pour les filtres et les invitations par secteur.
pub fn secteurs(conn: &Connection) -> Resultat<Vec<String>> {
    crate::base::toutes(
        conn,
        "SELECT DISTINCT secteur FROM cet WHERE secteur <> '' ORDER BY normaliser(secteur)",
        [],
    )
}

pub(crate) struct CetValide {
    pub missions: String,
    pub statut_pro: StatutPro,
    pub designation: Designation,
}

/// Contrôle des champs communs à la saisie et à l'import (hors personne et mandat).
/// L'académie du CET existe et son bassin, s'il en a un, en fait partie.
fn verifier_academie_et_bassin(conn: &Connection, s: &SaisieCet, c: &mut Controle) -> Resultat<()> {
    let Some(a) = liste::existant(conn, "academie", s.academie_id)? else {
        c.ajouter("academie_id", "Choisissez l'académie du CET.");
        return Ok(());
    };
    if let Some(b) = s.bassin_id {
        let academie_du_bassin: Option<i64> = conn
            .query_row("SELECT academie_id FROM bassin WHERE id = ?1", [b], |r| {
                r.get(0)
            })
            .optional()?;
        if academie_du_bassin != Some(a) {
            c.ajouter("bassin_id", "Ce bassin n'est pas dans l'académie du CET.");
        }
    }
    Ok(())
}

pub(crate) fn valider(conn: &Connection, s: &SaisieCet, c: &mut Controle) -> Resultat<CetValide> {
    let statut_pro = c.champ(
        "statut_pro",
        StatutPro::choisi(&s.statut_pro, "le statut professionnel"),
    );
    let designation = if s.designation.is_empty() {
        Some(Designation::OrganisationProfessionnelle)
    } else {
        c.champ(
            "designation",
            Designation::choisi(&s.designation, "qui a désigné le CET"),
        )
    };
    for m in &s.missions {
        if Mission::depuis_code(m).is_none() {
            c.ajouter("missions", format!("Mission inconnue : « {m} »."));
        }
    }
    verifier_academie_et_bassin(conn, s, c)?;
    liste::verifier_ids(
        conn,
        c,
        &[
            (
                "organisation",
                s.employeur_id.as_slice(),
                "employeur_id",
                "une organisation",
            ),
            (
                "organisation",
                s.organisation_proposante_id.as_slice(),
                "organisation_proposante_id",
                "une organisation",
            ),
            ("cpc", s.cpc_id.as_slice(), "cpc_id", "une CPC"),
            (
                "etablissement",
                &s.etablissement_ids,
                "etablissement_ids",
                "un établissement",
            ),
        ],
    )?;
    if designation == Some(Designation::OrganisationProfessionnelle)
        && s.organisation_proposante_id.is_none()
    {
        c.ajouter(
            "organisation_proposante_id",
            "Indiquez l'organisation professionnelle qui a proposé le CET.",
        );
    }
    Ok(CetValide {
        missions: Mission::TOUS
            .iter()
            .filter(|x| s.missions.iter().any(|m| m == x.code()))
            .map(|x| x.code())
            .collect::<Vec<_>>()
            .join(","),
        statut_pro: statut_pro.unwrap_or_default(),
        designation: designation.unwrap_or_default(),
    })
}

fn cle(conn: &Connection, s: &SaisieCet) -> Resultat<String> {
    let nom = |table: &str, id: Option<i64>| -> Resultat<String> {
        Ok(match id {
            Some(id) => crate::base::une(
                conn,
                &format!("SELECT nom FROM {table} WHERE id = ?1"),
                [id],
            )?
            .unwrap_or_default(),
            None => String::new(),
        })
    };
    Ok(texte::cle_recherche(&[
        &s.secteur,
        &s.specialites,
        &nom("organisation", s.employeur_id)?,
        &nom("organisation", s.organisation_proposante_id)?,
        &nom("cpc", s.cpc_id)?,
    ]))
}

/// Écrit la fiche (création si `id` est `None`) et ses établissements de référence ; rend l'id.
pub(crate) fn ecrire(
    conn: &Connection,
    id: Option<i64>,
    s: &SaisieCet,
    v: &CetValide,
) -> Resultat<i64> {
    let cle = cle(conn, s)?;
    let p = rusqlite::params![
        s.personne_id,
        v.statut_pro,
        s.employeur_id,
        texte::nettoyer(&s.secteur),
        s.cpc_id,
        s.specialites.trim(),
        v.designation,
        s.organisation_proposante_id,
        s.academie_id,
        s.bassin_id,
        v.missions,
        cle
    ];
    let id = match id {
        None => {
            conn.prepare_cached(
                "INSERT INTO cet (personne_id, statut_pro, employeur_id, secteur, cpc_id, specialites, designation,
                     organisation_proposante_id, academie_id, bassin_id, missions, recherche)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            )?
            .execute(p)?;
            conn.last_insert_rowid()
        }
        Some(id) => {
            conn.execute(
                "UPDATE cet SET personne_id = ?1, statut_pro = ?2, employeur_id = ?3, secteur = ?4, cpc_id = ?5, specialites = ?6,
                     designation = ?7, organisation_proposante_id = ?8, academie_id = ?9, bassin_id = ?10, missions = ?11,
                     recherche = ?12 WHERE id = ?13",
                rusqlite::params_from_iter(p.iter().copied().chain([&id as &dyn rusqlite::ToSql])),
            )?;
            id
        }
    };
    liste::Liaison {
        table: "cet_etablissement",
        parent: "cet_id",
        autre: "etablissement_id",
    }
    .remplacer(conn, id, &s.etablissement_ids)?;
    Ok(id)
}

fn verifier_personne(
    conn: &Connection,
    s: &SaisieCet,
    id: Option<i64>,
    c: &mut Controle,
) -> Resultat<()> {
    match s.personne_id {
        Some(p) if liste::existe(conn, "personne", p)? => {
            let deja: Option<i64> = crate::base::une(
                conn,
                "SELECT id FROM cet WHERE personne_id = ?1 AND id IS NOT ?2",
                rusqlite::params![p, id],
            )?;
            if deja.is_some() {
                c.ajouter(
                    "personne_id",
                    "Cette personne est déjà inscrite au registre des CET.",
                );
            }
        }
        _ => c.ajouter("personne_id", "Choisissez la personne dans l'annuaire."),
    }
    Ok(())
}

pub fn creer(conn: &Connection, s: &SaisieCet) -> Resultat<Cet> {
    let mut c = Controle::default();
    verifier_personne(conn, s, None, &mut c)?;
    let v = valider(conn, s, &mut c)?;
    let mandat = mandats::valider_dates(
        &s.date_arrete,
        &s.debut_mandat,
        &s.fin_mandat,
        mandats::CHAMPS_MANDAT,
        &mut c,
    );
    let mandat = c.fin_avec(mandat)?;
    let id = crate::base::atomique(conn, |conn| {
        let id = ecrire(conn, None, s, &v)?;
        mandats::inserer(conn, id, &mandat)?;
        Ok(id)
    })?;
    lire(conn, id)
}

pub fn modifier(conn: &Connection, id: i64, s: &SaisieCet) -> Resultat<Cet> {
    lire(conn, id)?;
    let mut c = Controle::default();
    verifier_personne(conn, s, Some(id), &mut c)?;
    let v = valider(conn, s, &mut c)?;
    c.fin()?;
    crate::base::atomique(conn, |conn| ecrire(conn, Some(id), s, &v))?;
    lire(conn, id)
}

/// Retire le CET du registre (ses mandats, jurys et établissements de référence avec lui) ;
/// la personne reste dans l'annuaire.
pub fn supprimer(conn: &Connection, id: i64) -> Resultat<()> {
    let x = lire(conn, id)?;
    liste::supprimer(conn, "cet", id, &format!("{} {}", x.prenom, x.nom))
}

pub use super::jurys::{ajouter_jury, jurys, participations, Jury, Participation, SaisieJury};
