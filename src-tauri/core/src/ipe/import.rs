//! Imports CSV du registre des IPE et de leurs actions, tout ou rien : une seule ligne fautive
//! et rien n'est écrit ; chaque ligne fautive est signalée avec son numéro.

use super::actions::{self, SaisieAction};
use super::intervenants::{self, SaisieIpe, SaisieMission};
use super::themes;
use super::NiveauAction;
use crate::annuaire::{academies, organisations, personnes, recherche};
use crate::travail::Suivi;
use crate::vocabulaire::Code;
use crate::{csv, texte, Erreur, Resultat};
use rusqlite::Connection;
use serde::Serialize;
use std::collections::HashMap;

pub const COLONNES_IPE: &[&str] = &[
    "nom",
    "prenom",
    "entreprise",
    "academie",
    "debut_mission",
    "fin_mission",
    "quotite",
];
pub const COLONNES_ACTIONS: &[&str] = &[
    "date",
    "ipe",
    "academie",
    "theme",
    "intitule",
    "etablissements",
    "jeunes_filles",
    "jeunes_garcons",
    "enseignants_femmes",
    "enseignants_hommes",
    "entreprises",
    "organisations_professionnelles",
];

#[derive(Debug, Serialize)]
pub struct CompteRendu {
    pub lignes: usize,
    pub essai: bool,
    pub encodage: &'static str,
    pub separateur: char,
    /// Fiches créées en passant (entreprises, personnes, IPE), à signaler à l'utilisateur.
    pub creations: Vec<String>,
}

fn lire_table(octets: &[u8], colonnes: &[&str]) -> Resultat<(csv::TableCsv, Vec<usize>)> {
    let table = csv::lire(octets).map_err(|e| Erreur::Import(vec![e]))?;
    let indices = table
        .colonnes(colonnes)
        .map_err(|e| Erreur::Import(vec![e]))?;
    Ok((table, indices))
}

/// `passerelle import ipe` : une ligne par mission ; personne, entreprise et fiche IPE sont
/// créées si elles n'existent pas encore.
pub fn importer_ipe(
    conn: &Connection,
    octets: &[u8],
    essai: bool,
    suivi: &Suivi,
) -> Resultat<CompteRendu> {
    let (table, i) = lire_table(octets, COLONNES_IPE)?;
    let mut creations = Vec::new();
    let mut cache = HashMap::new();
    let lignes = csv::importer_lignes(conn, &table, essai, suivi, |tx, l| {
        let v = |k: usize| l.valeurs[i[k]].trim();
        let (nom, prenom, entreprise) = (v(0).to_uppercase(), v(1), v(2));
        let academie_id = academies::trouver_en_cache(tx, &mut cache, v(3))?.ok_or_else(|| {
            Erreur::validation("academie", format!("académie « {} » inconnue.", v(3)))
        })?;
        let entreprise_id =
            organisations::trouver_ou_creer(tx, entreprise, "entreprise", &mut creations)?;
        let ipe_id = fiche_ipe(tx, &nom, prenom, entreprise_id, academie_id, &mut creations)?;
        let m = SaisieMission {
            debut: v(4).into(),
            fin: v(5).into(),
            quotite: v(6).into(),
            ..Default::default()
        };
        intervenants::ajouter_mission(tx, ipe_id, &m)?;
        Ok(())
    })?;
    if essai {
        creations.clear();
    }
    Ok(CompteRendu {
        lignes,
        essai,
        encodage: table.encodage,
        separateur: table.separateur,
        creations,
    })
}

/// La fiche IPE de « NOM Prénom », créée (avec sa personne) si elle n'existe pas encore.
fn fiche_ipe(
    tx: &Connection,
    nom: &str,
    prenom: &str,
    entreprise_id: Option<i64>,
    academie_id: i64,
    creations: &mut Vec<String>,
) -> Resultat<i64> {
    let personne_id: Option<i64> = crate::base::une(
        tx,
        "SELECT id FROM personne WHERE normaliser(nom) = normaliser(?1) AND normaliser(prenom) = normaliser(?2)
         ORDER BY id LIMIT 1",
        [nom, prenom],
    )?;
    let personne_id = match personne_id {
        Some(p) => p,
        None => {
            creations.push(format!("personne « {nom} {prenom} »"));
            let s = personnes::SaisiePersonne {
                nom: nom.into(),
                prenom: prenom.into(),
                fonction: "Ingénieur pour l'école".into(),
                organisation_id: entreprise_id,
                ..Default::default()
            };
            personnes::creer(tx, &s)?.id
        }
    };
    let ipe_id: Option<i64> = crate::base::une(
        tx,
        "SELECT id FROM ipe WHERE personne_id = ?1",
        [personne_id],
    )?;
    let ipe_id = match ipe_id {
        Some(id) => id,
        None => {
            creations.push(format!("fiche IPE « {nom} {prenom} »"));
            let s = SaisieIpe {
                personne_id: Some(personne_id),
                entreprise_id,
                academie_id: Some(academie_id),
                service: "daet".into(),
            };
            intervenants::creer(tx, &s)?.id
        }
    };
    Ok(ipe_id)
}

/// `passerelle import actions-ipe` : une ligne par action ; académie et thème par code ou nom,
/// IPE par « NOM Prénom » (facultatif) ; académie vide : action de niveau national.
pub fn importer_actions(
    conn: &Connection,
    octets: &[u8],
    essai: bool,
    suivi: &Suivi,
) -> Resultat<CompteRendu> {
    let (table, i) = lire_table(octets, COLONNES_ACTIONS)?;
    let mut caches = Caches::default();
    // Un gros import reconstruit l'index de recherche des actions d'un coup, après.
    let n = table.lignes.len();
    let lignes = recherche::pour_un_import(conn, n, &["action_ipe"], || {
        csv::importer_lignes(conn, &table, essai, suivi, |tx, l| {
            let v = |k: usize| l.valeurs[i[k]].trim();
            importer_action(tx, &v, &mut caches)
        })
    })?;
    Ok(CompteRendu {
        lignes,
        essai,
        encodage: table.encodage,
        separateur: table.separateur,
        creations: Vec::new(),
    })
}

/// Académies, thèmes et IPE déjà cherchés pendant un import.
#[derive(Default)]
struct Caches {
    academies: HashMap<String, Option<i64>>,
    themes: HashMap<String, Option<i64>>,
    ipe: HashMap<String, Option<i64>>,
    /// Fiches citées déjà trouvées par le contrôle des lignes précédentes.
    existants: crate::liste::Existants,
}

/// Une ligne d'actions : `v(k)` est la valeur de la k-ième colonne de `COLONNES_ACTIONS`. Tous
/// les défauts de la ligne sont dits dans un seul message.
fn importer_action<'a>(
    tx: &Connection,
    v: &dyn Fn(usize) -> &'a str,
    caches: &mut Caches,
) -> Resultat<()> {
    let mut inconnus = Vec::new();
    let academie_id = match v(2) {
        "" => None,
        a => {
            let id = academies::trouver_en_cache(tx, &mut caches.academies, a)?;
            if id.is_none() {
                inconnus.push(format!("académie « {a} » inconnue"));
            }
            id
        }
    };
    let theme_id = en_cache(&mut caches.themes, v(3), || {
        Ok(themes::trouver(tx, v(3))?.map(|t| t.id))
    })?;
    if theme_id.is_none() {
        inconnus.push(format!("thème « {} » inconnu", v(3)));
    }
    let mut intervenants = Vec::new();
    if !v(1).is_empty() {
        match en_cache(&mut caches.ipe, v(1), || {
            intervenants::trouver_nom(tx, v(1))
        })? {
            Some(id) => intervenants.push(id),
            None => inconnus.push(format!("IPE « {} » absent du registre", v(1))),
        }
    }
    let s = SaisieAction {
        date: v(0).into(),
        academie_id,
        niveau: if v(2).is_empty() {
            NiveauAction::National
        } else {
            NiveauAction::Academique
        }
        .code()
        .into(),
        theme_id,
        intitule: v(4).into(),
        etablissements: v(5).into(),
        jeunes_filles: v(6).into(),
        jeunes_garcons: v(7).into(),
        enseignants_femmes: v(8).into(),
        enseignants_hommes: v(9).into(),
        entreprises: v(10).into(),
        organisations_professionnelles: v(11).into(),
        intervenants,
        ..Default::default()
    };
    let valide = actions::valider_avec(tx, &s, &mut caches.existants);
    let messages = messages_de_ligne(inconnus, valide.as_ref().err(), theme_id, academie_id);
    match valide {
        Ok(valide) if messages.is_empty() => {
            actions::ecrire(tx, None, &valide)?;
            Ok(())
        }
        Err(e) if !matches!(e, Erreur::Validation(_)) => Err(e),
        _ => Err(Erreur::Validation(vec![crate::ChampInvalide {
            champ: "ligne",
            message: messages.join(" ; "),
        }])),
    }
}

/// La valeur déjà cherchée pour ce nom, sinon celle que `chercher` trouve (gardée ensuite).
fn en_cache(
    cache: &mut HashMap<String, Option<i64>>,
    nom: &str,
    chercher: impl FnOnce() -> Resultat<Option<i64>>,
) -> Resultat<Option<i64>> {
    let cle = texte::normaliser(nom);
    if let Some(id) = cache.get(&cle) {
        return Ok(*id);
    }
    let id = chercher()?;
    cache.insert(cle, id);
    Ok(id)
}

/// Les défauts d'une ligne d'actions : noms inconnus puis refus de la validation, sans redire
/// un thème ou une académie introuvables, déjà signalés par leur nom.
fn messages_de_ligne(
    mut messages: Vec<String>,
    refus: Option<&Erreur>,
    theme_id: Option<i64>,
    academie_id: Option<i64>,
) -> Vec<String> {
    if let Some(Erreur::Validation(champs)) = refus {
        messages.extend(
            champs
                .iter()
                .filter(|c| match c.champ {
                    "theme_id" => theme_id.is_some(),
                    "academie_id" => academie_id.is_some(),
                    _ => true,
                })
                .map(|c| c.message.clone()),
        );
    }
    messages
}

/// Import choisi par son nom (« ipe » ou « actions-ipe »), pour la fenêtre.
pub fn importer(
    conn: &Connection,
    quoi: &str,
    octets: &[u8],
    essai: bool,
    suivi: &Suivi,
) -> Resultat<CompteRendu> {
    match quoi {
        "ipe" => importer_ipe(conn, octets, essai, suivi),
        "actions-ipe" => importer_actions(conn, octets, essai, suivi),
        autre => Err(Erreur::validation(
            "quoi",
            format!("Import inconnu : « {autre} »."),
        )),
    }
}
