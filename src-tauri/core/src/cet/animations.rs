//! Animations du réseau des CET d'une académie : réunions d'information, animations thématiques,
//! séminaires, réunions départementales, visites. Chacune est une réunion du cadre « réseau »
//! (invités, présences, documents communs) complétée ici par son thème, les secteurs visés, ses
//! co-organisateurs et des notes ; les invitations se tirent des secteurs visés. Leurs
//! documents (invitation PDF, publipostage) sont dans `cet::documents`.

use crate::reunions::{self, Cadre, Reunion, SaisieReunion};
use crate::{dates, liste, texte, Erreur, Resultat};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize)]
pub struct Animation {
    pub reunion: Reunion,
    pub theme: String,
    pub secteurs: Vec<String>,
    pub notes: String,
    pub coorganisateur_ids: Vec<i64>,
    pub coorganisateurs: String,
    pub invites: i64,
    pub presents: i64,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct SaisieAnimation {
    pub academie_id: Option<i64>,
    #[serde(flatten)]
    pub reunion: SaisieReunion,
    pub theme: String,
    pub secteurs: Vec<String>,
    pub coorganisateur_ids: Vec<i64>,
    pub notes: String,
}

pub fn lire(conn: &Connection, reunion_id: i64) -> Resultat<Animation> {
    let reunion = reunions::lire(conn, reunion_id)?;
    if !matches!(reunion.cadre, Cadre::Reseau(_)) {
        return Err(Erreur::Introuvable(format!(
            "La réunion n° {reunion_id} n'est pas une animation du réseau des CET."
        )));
    }
    let (theme, secteurs, notes): (String, String, String) = crate::base::une(
        conn,
        "SELECT theme, secteurs, notes FROM animation_cet WHERE reunion_id = ?1",
        [reunion_id],
    )?
    .unwrap_or_default();
    let (ids, noms): (Option<String>, Option<String>) = conn.query_row(
        "SELECT group_concat(o.id), group_concat(o.nom, ', ') FROM animation_coorganisateur a JOIN organisation o ON o.id = a.organisation_id WHERE a.reunion_id = ?1",
        [reunion_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let (invites, presents): (i64, i64) = conn.query_row(
        "SELECT (SELECT count(*) FROM reunion_invite WHERE reunion_id = ?1), (SELECT count(*) FROM reunion_presence WHERE reunion_id = ?1 AND etat = 'present')",
        [reunion_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok(Animation {
        reunion,
        theme,
        secteurs: secteurs
            .split(';')
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect(),
        notes,
        coorganisateur_ids: liste::ids(ids),
        coorganisateurs: noms.unwrap_or_default(),
        invites,
        presents,
    })
}

/// Animations d'une académie (ou de toutes), de la plus récente à la plus ancienne ;
/// `annee_scolaire` : rentrée de l'année voulue.
pub fn lister(
    conn: &Connection,
    academie_id: Option<i64>,
    annee_scolaire: Option<i32>,
) -> Resultat<Vec<Animation>> {
    let (debut, fin) = annee_scolaire
        .map(|a| dates::Periode::Scolaire(a).bornes())
        .map(|(d, f)| (dates::iso(d), dates::iso(f)))
        .unzip();
    let ids: Vec<i64> = crate::base::toutes(
        conn,
        "SELECT id FROM reunion WHERE academie_id IS NOT NULL AND (?1 IS NULL OR academie_id = ?1)
               AND (?2 IS NULL OR date >= ?2) AND (?3 IS NULL OR date <= ?3) ORDER BY date DESC, id DESC",
        rusqlite::params![academie_id, debut, fin],
    )?;
    ids.into_iter().map(|id| lire(conn, id)).collect()
}

/// Même liste, l'année scolaire écrite « 2025-2026 » (vide : toutes).
pub fn lister_annee(
    conn: &Connection,
    academie_id: Option<i64>,
    annee_scolaire: &str,
) -> Resultat<Vec<Animation>> {
    let annee = match annee_scolaire.trim() {
        "" => None,
        a => Some(
            dates::lire_annee_scolaire(a).map_err(|m| Erreur::validation("annee_scolaire", m))?,
        ),
    };
    lister(conn, academie_id, annee)
}

fn secteurs_nettoyes(v: &[String]) -> String {
    let mut s: Vec<String> = v
        .iter()
        .map(|x| texte::nettoyer(x))
        .filter(|x| !x.is_empty())
        .collect();
    s.dedup();
    s.join(";")
}

pub fn creer(conn: &Connection, s: &SaisieAnimation) -> Resultat<Animation> {
    let Some(academie) = liste::existant(conn, "academie", s.academie_id)? else {
        return Err(Erreur::validation(
            "academie_id",
            "Choisissez l'académie qui organise l'animation.",
        ));
    };
    let mut c = crate::Controle::default();
    liste::verifier_ids(
        conn,
        &mut c,
        &[(
            "organisation",
            &s.coorganisateur_ids,
            "coorganisateur_ids",
            "une organisation",
        )],
    )?;
    c.fin()?;
    let id = crate::base::atomique(conn, |conn| {
        let r = reunions::creer(conn, Cadre::Reseau(academie), &s.reunion)?;
        conn.execute(
            "INSERT INTO animation_cet (reunion_id, theme, secteurs, notes) VALUES (?1, ?2, ?3, ?4)",
            rusqlite::params![r.id, s.theme.trim(), secteurs_nettoyes(&s.secteurs), s.notes.trim()],
        )?;
        liste::Liaison {
            table: "animation_coorganisateur",
            parent: "reunion_id",
            autre: "organisation_id",
        }
        .remplacer(conn, r.id, &s.coorganisateur_ids)?;
        Ok(r.id)
    })?;
    lire(conn, id)
}

pub fn ecrire_notes(conn: &Connection, reunion_id: i64, notes: &str) -> Resultat<Animation> {
    lire(conn, reunion_id)?;
    conn.execute(
        "INSERT INTO animation_cet (reunion_id, notes) VALUES (?1, ?2) ON CONFLICT (reunion_id) DO UPDATE SET notes = excluded.notes",
        rusqlite::params![reunion_id, notes.trim()],
    )?;
    lire(conn, reunion_id)
}

/// Invite les CET de l'académie dont le secteur est visé et dont un mandat couvre la date de
/// l'animation ; rend le nombre de nouvelles invitations.
pub fn inviter_par_secteurs(conn: &Connection, reunion_id: i64) -> Resultat<usize> {
    let a = lire(conn, reunion_id)?;
    if a.secteurs.is_empty() {
        return Err(Erreur::validation(
            "secteurs",
            "Aucun secteur visé : choisissez d'abord les secteurs de l'animation.",
        ));
    }
    let vises: Vec<String> = a.secteurs.iter().map(|s| texte::normaliser(s)).collect();
    let jour = dates::iso(a.reunion.date);
    let candidats: Vec<(i64, String)> = crate::base::toutes(
        conn,
        "SELECT x.personne_id, x.secteur FROM cet x
             WHERE x.academie_id = ?1
               AND EXISTS (SELECT 1 FROM mandat_cet m WHERE m.cet_id = x.id AND m.debut <= ?2 AND m.fin >= ?2)
               AND x.personne_id NOT IN (SELECT personne_id FROM reunion_invite WHERE reunion_id = ?3)",
        rusqlite::params![a.reunion.cadre.id(), jour, reunion_id],
    )?;
    crate::base::atomique(conn, |conn| {
        let mut n = 0;
        for (personne, _) in candidats
            .iter()
            .filter(|(_, s)| vises.contains(&texte::normaliser(s)))
        {
            conn.execute(
                "INSERT INTO reunion_invite (reunion_id, personne_id) VALUES (?1, ?2)",
                [reunion_id, *personne],
            )?;
            n += 1;
        }
        Ok(n)
    })
}
