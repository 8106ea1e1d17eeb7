//! Les documents des CET. Le retour d'information que la réunion nationale de 2012 demandait : à
//! chaque organisation professionnelle, qui elle a proposé, qui a été nommé, les mandats et les
//! secteurs (lettre PDF et CSV) ; à chaque employeur, l'avis de nomination de son salarié
//! (lettre PDF). Et les documents d'une animation du réseau : invitation PDF, publipostage CSV,
//! et ceux de toute réunion.
//!
//! Ici les modèles (SQL seulement) ; la mise en page est dans `rendu.rs`.

mod rendu;

pub use rendu::{
    rendre_avis_employeur, rendre_invitation, rendre_publipostage_csv, rendre_retour,
    rendre_retour_csv,
};

use super::animations;
use super::registre::{self, Cet, FiltreCet};
use crate::liste::ParametresListe;
use crate::rapport::{self, Document, Genre};
use crate::reunions::documents::{self as documents_reunion, ModeleReunion};
use crate::{Erreur, Resultat};
use chrono::NaiveDate;
use rusqlite::Connection;

fn tous(conn: &Connection, f: FiltreCet, aujourdhui: NaiveDate) -> Resultat<Vec<Cet>> {
    Ok(registre::lister_au(
        conn,
        &FiltreCet {
            liste: ParametresListe {
                limite: Some(100_000),
                ..Default::default()
            },
            ..f
        },
        aujourdhui,
    )?
    .lignes)
}

/// Organisations qui ont proposé au moins un CET (ou celle demandée), par nom.
fn organisations(conn: &Connection, organisation_id: Option<i64>) -> Resultat<Vec<(i64, String)>> {
    let v: Vec<(i64, String)> = crate::base::toutes(
        conn,
        "SELECT DISTINCT o.id, o.nom FROM cet x JOIN organisation o ON o.id = x.organisation_proposante_id
         WHERE ?1 IS NULL OR o.id = ?1 ORDER BY normaliser(o.nom)",
        [organisation_id],
    )?;
    if v.is_empty() {
        return Err(match organisation_id {
            Some(id) => Erreur::Introuvable(format!(
                "L'organisation n° {id} n'a proposé aucun CET du registre."
            )),
            None => Erreur::Introuvable(
                "Aucun CET du registre n'a été proposé par une organisation.".into(),
            ),
        });
    }
    Ok(v)
}

// ——— Retour aux organisations professionnelles ———

/// Une organisation proposante et les CET qu'elle a proposés.
#[derive(Debug, Clone)]
pub struct Proposante {
    pub nom: String,
    pub cet: Vec<Cet>,
}

/// Le retour aux organisations : une lettre (ou des lignes CSV) par organisation proposante.
#[derive(Debug, Clone)]
pub struct ModeleRetour {
    pub organisations: Vec<Proposante>,
    /// Jour de la lettre.
    pub jour: NaiveDate,
}

pub fn modele_retour(
    conn: &Connection,
    organisation_id: Option<i64>,
    aujourdhui: NaiveDate,
) -> Resultat<ModeleRetour> {
    let mut v = Vec::new();
    for (id, nom) in organisations(conn, organisation_id)? {
        let cet = tous(
            conn,
            FiltreCet {
                organisation_id: Some(id),
                ..Default::default()
            },
            aujourdhui,
        )?
        .into_iter()
        .filter(|x| x.organisation_proposante_id == Some(id))
        .collect();
        v.push(Proposante { nom, cet });
    }
    Ok(ModeleRetour {
        organisations: v,
        jour: aujourdhui,
    })
}

/// Les lettres (ou leur tableau) à enregistrer : « Lettres aux organisations.pdf », ou
/// « Lettre à <organisation>.pdf » pour une seule.
pub fn document_retour(
    conn: &Connection,
    organisation_id: Option<i64>,
    csv: bool,
) -> Resultat<Document> {
    let m = modele_retour(conn, organisation_id, rapport::aujourdhui())?;
    let titre = match (&m.organisations[..], organisation_id) {
        ([seule], Some(_)) => format!("Lettre à {}", seule.nom),
        _ => "Lettres aux organisations".to_string(),
    };
    Ok(if csv {
        Document::nouveau(&titre, Genre::Csv, rendre_retour_csv(&m).into_bytes())
    } else {
        Document::pdf(&titre, &rendre_retour(&m))?
    })
}

// ——— Avis à l'employeur ———

/// L'avis à l'employeur : le CET, son employeur et son mandat (vérifiés présents), le jour.
#[derive(Debug, Clone)]
pub struct ModeleAvisEmployeur {
    pub cet: Cet,
    pub employeur: String,
    pub debut: NaiveDate,
    pub fin: NaiveDate,
    pub jour: NaiveDate,
}

pub fn modele_avis_employeur(
    conn: &Connection,
    cet_id: i64,
    aujourdhui: NaiveDate,
) -> Resultat<ModeleAvisEmployeur> {
    let x = registre::lire(conn, cet_id)?;
    let employeur = x.employeur.clone().ok_or_else(|| {
        Erreur::validation(
            "employeur_id",
            "Ce CET n'a pas d'employeur enregistré : l'avis ne peut pas être adressé.",
        )
    })?;
    let (Some(debut), Some(fin)) = (x.debut_mandat, x.fin_mandat) else {
        return Err(Erreur::validation(
            "mandat",
            "Ce CET n'a pas de mandat enregistré.",
        ));
    };
    Ok(ModeleAvisEmployeur {
        cet: x,
        employeur,
        debut,
        fin,
        jour: aujourdhui,
    })
}

/// L'avis à enregistrer : « Avis à l'employeur - Prénom NOM.pdf ».
pub fn document_avis_employeur(conn: &Connection, cet_id: i64) -> Resultat<Document> {
    let m = modele_avis_employeur(conn, cet_id, rapport::aujourdhui())?;
    Document::pdf(
        &format!("Avis à l'employeur - {} {}", m.cet.prenom, m.cet.nom),
        &rendre_avis_employeur(&m),
    )
}

// ——— Documents d'une animation ———

/// L'invitation à une animation : la réunion, son thème, ses secteurs et ses co-organisateurs.
#[derive(Debug, Clone)]
pub struct ModeleInvitation {
    pub reunion: ModeleReunion,
    pub theme: String,
    pub secteurs: Vec<String>,
    pub coorganisateurs: String,
}

pub fn modele_invitation(conn: &Connection, reunion_id: i64) -> Resultat<ModeleInvitation> {
    let a = animations::lire(conn, reunion_id)?;
    Ok(ModeleInvitation {
        reunion: documents_reunion::modele_reunion(conn, reunion_id)?,
        theme: a.theme,
        secteurs: a.secteurs,
        coorganisateurs: a.coorganisateurs,
    })
}

/// Publipostage : les invités qui ont un courriel professionnel (civilité, nom, prénom,
/// courriel, secteur, organisation), par nom.
pub fn modele_publipostage(conn: &Connection, reunion_id: i64) -> Resultat<Vec<Vec<String>>> {
    animations::lire(conn, reunion_id)?;
    let mut st = conn.prepare(
        "SELECT p.civilite, p.nom, p.prenom, p.email, coalesce(x.secteur, ''), coalesce(o.nom, '')
         FROM reunion_invite i JOIN personne p ON p.id = i.personne_id
         LEFT JOIN cet x ON x.personne_id = p.id LEFT JOIN organisation o ON o.id = p.organisation_id
         WHERE i.reunion_id = ?1 AND p.email <> '' ORDER BY normaliser(p.nom), p.prenom",
    )?;
    let lignes = st.query_map([reunion_id], |r| {
        (0..6)
            .map(|i| r.get::<_, String>(i))
            .collect::<rusqlite::Result<Vec<String>>>()
    })?;
    Ok(lignes.collect::<rusqlite::Result<_>>()?)
}

/// Le publipostage pour le logiciel de messagerie du délégué (CSV UTF-8 avec BOM, « ; »).
pub fn csv_publipostage(conn: &Connection, reunion_id: i64) -> Resultat<String> {
    Ok(rendre_publipostage_csv(&modele_publipostage(
        conn, reunion_id,
    )?))
}

/// Documents d'une animation : « invitation-pdf », « publipostage » (CSV), ou ceux de toute
/// réunion (« invitation » .ics, « emargement », « compte-rendu »), nommés d'après l'animation.
pub fn fichier_document(conn: &Connection, reunion_id: i64, quoi: &str) -> Resultat<Document> {
    animations::lire(conn, reunion_id)?;
    let nom = |titre: &str| -> Resultat<String> {
        let m = documents_reunion::modele_reunion(conn, reunion_id)?;
        Ok(documents_reunion::nom_de_document(titre, &m))
    };
    match quoi {
        "invitation-pdf" => Document::pdf(
            &nom("Invitation")?,
            &rendre_invitation(&modele_invitation(conn, reunion_id)?),
        ),
        "publipostage" => Ok(Document::nouveau(
            &nom("Publipostage")?,
            Genre::Csv,
            csv_publipostage(conn, reunion_id)?.into_bytes(),
        )),
        autre => documents_reunion::fichier_document(conn, reunion_id, autre),
    }
}
