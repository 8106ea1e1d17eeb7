//! Invités et présences d'une réunion : les membres du cadre, les invités, le pointage.

use super::lire;
use crate::base::Ligne;
use crate::vocabulaire::Code;
use crate::{liste, Erreur, Resultat};
use rusqlite::Connection;
use serde::Serialize;
crate::codes! {
    /// Collège d'un membre de comité local École-entreprise.
    pub enum College {
        Education = "education" => "Éducation",
        MondeEconomique = "monde_economique" => "Monde économique",
        EmploiInsertion = "emploi_insertion" => "Emploi et insertion",
        Collectivites = "collectivites" => "Collectivités",
        Parents = "parents" => "Parents d'élèves",
        Autres = "autres" => "Autres membres",
    }
}

crate::codes! {
    /// Présence pointée à une réunion.
    pub enum EtatPresence {
        Present = "present" => "Présent",
        Excuse = "excuse" => "Excusé",
        Absent = "absent" => "Absent",
    }
}

#[derive(Debug, Clone, Serialize, Ligne)]
pub struct Presence {
    #[ligne(colonne = "id")]
    pub personne_id: i64,
    /// « Nom Prénom » pour les écrans.
    #[ligne(par = nom_usuel)]
    pub nom: String,
    /// « NOM Prénom », la forme des comptes rendus.
    #[ligne(par = nom_officiel)]
    pub nom_officiel: String,
    pub fonction: String,
    pub email: String,
    /// Collège du membre (CLEE) ; `None` pour un invité ou un membre de groupe de suivi.
    pub college: Option<College>,
    /// Invité à cette réunion sans être membre.
    pub invite: bool,
    /// `None` : pas encore pointé.
    pub etat: Option<EtatPresence>,
}

fn nom_usuel(r: &rusqlite::Row) -> rusqlite::Result<String> {
    Ok(format!(
        "{} {}",
        r.get::<_, String>("nom")?,
        r.get::<_, String>("prenom")?
    ))
}

fn nom_officiel(r: &rusqlite::Row) -> rusqlite::Result<String> {
    let nom: String = r.get("nom")?;
    Ok(format!(
        "{} {}",
        nom.to_uppercase(),
        r.get::<_, String>("prenom")?
    ))
}

/// Les membres du cadre, les invités de la réunion et toute personne pointée, avec leur présence.
pub fn presences(conn: &Connection, reunion_id: i64) -> Resultat<Vec<Presence>> {
    let r = lire(conn, reunion_id)?;
    use crate::annuaire::personnes::{JOINTURES_STRUCTURE, SQL_FONCTION_STRUCTURE};
    let sql = format!(
        "WITH membres(personne_id, college) AS ({})
         SELECT p.id, p.nom, p.prenom, {SQL_FONCTION_STRUCTURE} AS fonction, p.email, m.college,
                m.personne_id IS NULL AS invite, rp.etat
         FROM personne p {JOINTURES_STRUCTURE}
         LEFT JOIN membres m ON m.personne_id = p.id
         LEFT JOIN reunion_presence rp ON rp.personne_id = p.id AND rp.reunion_id = ?1
         WHERE p.id IN (SELECT personne_id FROM membres)
            OR p.id IN (SELECT personne_id FROM reunion_invite WHERE reunion_id = ?1)
            OR p.id IN (SELECT personne_id FROM reunion_presence WHERE reunion_id = ?1)
         ORDER BY m.personne_id IS NULL, normaliser(p.nom), p.prenom",
        r.cadre.membres_sql()
    );
    crate::base::toutes(conn, &sql, [reunion_id, r.cadre.id()])
}

/// Invite une personne de l'annuaire (intervenant, personnalité) en plus des membres.
pub fn inviter(
    conn: &Connection,
    reunion_id: i64,
    personne_id: Option<i64>,
) -> Resultat<Vec<Presence>> {
    liste::exiger(conn, "reunion", reunion_id, "La réunion")?;
    let Some(p) = liste::existant(conn, "personne", personne_id)? else {
        return Err(Erreur::validation(
            "personne_id",
            "Choisissez l'invité dans l'annuaire.",
        ));
    };
    if presences(conn, reunion_id)?
        .iter()
        .any(|x| x.personne_id == p)
    {
        return Err(Erreur::validation(
            "personne_id",
            "Cette personne figure déjà sur la liste de la réunion.",
        ));
    }
    conn.execute(
        "INSERT INTO reunion_invite (reunion_id, personne_id) VALUES (?1, ?2)",
        [reunion_id, p],
    )?;
    presences(conn, reunion_id)
}

pub fn marquer_presence(
    conn: &Connection,
    reunion_id: i64,
    personne_id: i64,
    etat: &str,
) -> Resultat<()> {
    liste::exiger(conn, "reunion", reunion_id, "La réunion")?;
    liste::exiger(conn, "personne", personne_id, "La personne")?;
    let etat = EtatPresence::choisi(etat, "présent, excusé ou absent")
        .map_err(|m| Erreur::validation("etat", m))?;
    conn.execute(
        "INSERT INTO reunion_presence (reunion_id, personne_id, etat) VALUES (?1, ?2, ?3)
         ON CONFLICT (reunion_id, personne_id) DO UPDATE SET etat = excluded.etat",
        rusqlite::params![reunion_id, personne_id, etat],
    )?;
    Ok(())
}

/// Pointage rapide : toute personne de la liste encore sans mention est notée présente.
pub fn marquer_non_pointes_presents(conn: &Connection, reunion_id: i64) -> Resultat<Vec<Presence>> {
    crate::base::atomique(conn, |conn| {
        for p in presences(conn, reunion_id)?
            .into_iter()
            .filter(|p| p.etat.is_none())
        {
            marquer_presence(conn, reunion_id, p.personne_id, "present")?;
        }
        Ok(())
    })?;
    presences(conn, reunion_id)
}
