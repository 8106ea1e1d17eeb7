//! Avant une suppression : qui cite cet enregistrement ? Les clés étrangères du schéma le disent,
//! si bien que les tables des modules à venir sont vérifiées sans rien ajouter ici.

use crate::{Erreur, Resultat};
use rusqlite::Connection;

/// Noms lisibles des tables (singulier, pluriel) et l'expression SQL qui nomme une ligne.
const LIBELLES: &[(&str, &str, &str, &str)] = &[
    ("bassin", "bassin", "bassins", "nom"),
    ("etablissement", "établissement", "établissements", "nom"),
    ("organisation", "organisation", "organisations", "nom"),
    ("personne", "personne", "personnes", "prenom || ' ' || nom"),
    ("ipe", "fiche IPE", "fiches IPE", "(SELECT prenom || ' ' || nom FROM personne WHERE personne.id = personne_id)"),
    ("action_ipe", "action IPE", "actions IPE", "intitule"),
    ("convention", "convention", "conventions", "titre"),
    ("suivi_membre", "groupe de suivi", "groupes de suivi", "(SELECT titre FROM convention WHERE convention.id = convention_id)"),
    ("reunion_presence", "feuille de présence", "feuilles de présence", "(SELECT strftime('%d/%m/%Y', date) FROM reunion WHERE reunion.id = reunion_id)"),
    ("reunion_invite", "liste d'invités", "listes d'invités", "(SELECT strftime('%d/%m/%Y', date) FROM reunion WHERE reunion.id = reunion_id)"),
    ("reunion", "réunion", "réunions", "'du ' || strftime('%d/%m/%Y', date)"),
    ("comite_clee", "comité local École-entreprise", "comités locaux École-entreprise", "nom"),
    ("comite_bassin", "comité local École-entreprise", "comités locaux École-entreprise", "(SELECT nom FROM comite_clee WHERE comite_clee.id = comite_id)"),
    ("clee_membre", "comité local École-entreprise (membre)", "comités locaux École-entreprise (membres)", "(SELECT nom FROM comite_clee WHERE comite_clee.id = comite_id)"),
    ("action_clee", "action de CLEE", "actions de CLEE", "intitule"),
    ("action_clee_etablissement", "action de CLEE", "actions de CLEE", "(SELECT intitule FROM action_clee WHERE action_clee.id = action_id)"),
    ("action_clee_organisation", "action de CLEE", "actions de CLEE", "(SELECT intitule FROM action_clee WHERE action_clee.id = action_id)"),
    ("cet", "fiche du registre des CET", "fiches du registre des CET", "(SELECT prenom || ' ' || nom FROM personne WHERE personne.id = personne_id)"),
    ("cet_etablissement", "CET (établissement de référence)", "CET (établissement de référence)", "(SELECT p.prenom || ' ' || p.nom FROM cet x JOIN personne p ON p.id = x.personne_id WHERE x.id = cet_id)"),
    ("animation_coorganisateur", "animation des CET", "animations des CET", "(SELECT strftime('%d/%m/%Y', date) FROM reunion WHERE reunion.id = reunion_id)"),
    ("suivi_action", "action de suivi", "actions de suivi", "intitule"),
    ("convention_partie", "convention (partie)", "conventions (parties)", "(SELECT titre FROM convention WHERE convention.id = convention_id)"),
    ("action_ipe_intervenant", "action IPE", "actions IPE", "(SELECT intitule FROM action_ipe WHERE action_ipe.id = action_id)"),
    ("action_ipe_etablissement", "action IPE", "actions IPE", "(SELECT intitule FROM action_ipe WHERE action_ipe.id = action_id)"),
    ("action_ipe_organisation", "action IPE", "actions IPE", "(SELECT intitule FROM action_ipe WHERE action_ipe.id = action_id)"),
];

fn libelle(table: &str, n: i64) -> (String, &'static str) {
    match LIBELLES.iter().find(|(t, ..)| *t == table) {
        Some((_, un, plusieurs, expr)) => (
            if n > 1 {
                plusieurs.to_string()
            } else {
                un.to_string()
            },
            expr,
        ),
        None => (table.replace('_', " "), "id"),
    }
}

/// Refuse la suppression de `table`/`id` si une autre table le cite, en disant où.
/// `nom` est ce que l'utilisateur voit de l'enregistrement.
pub fn verifier_non_utilise(conn: &Connection, table: &str, id: i64, nom: &str) -> Resultat<()> {
    let usages = usages_de(conn, &liens_vers(conn, table)?, id)?;
    if usages.is_empty() {
        return Ok(());
    }
    Err(Erreur::EnUsage(format!(
        "« {nom} » ne peut pas être supprimé : il est cité par {}. Retirez d'abord ces liens.",
        usages.join(" et ")
    )))
}

/// Les colonnes (table, colonne) qui citent `table` par une clé étrangère, hors des lignes
/// liées en ON DELETE CASCADE (elles font partie de leur parent : ce n'est pas un usage).
/// À lire une fois pour chercher les usages de nombreuses lignes.
pub fn liens_vers(conn: &Connection, table: &str) -> Resultat<Vec<(String, String)>> {
    let tables: Vec<String> = crate::base::toutes(
        conn,
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
        [],
    )?;
    let mut liens = Vec::new();
    for enfant in tables {
        let colonnes: Vec<String> = crate::base::toutes(
            conn,
            "SELECT \"from\" FROM pragma_foreign_key_list(?1) WHERE \"table\" = ?2 AND on_delete <> 'CASCADE'",
            [enfant.as_str(), table],
        )?;
        liens.extend(colonnes.into_iter().map(|c| (enfant.clone(), c)));
    }
    Ok(liens)
}

/// Ce qui cite la ligne `id` par les `liens` : « 2 actions IPE (Forum, Stage) », un par table.
pub fn usages_de(conn: &Connection, liens: &[(String, String)], id: i64) -> Resultat<Vec<String>> {
    let mut usages = Vec::new();
    for (enfant, colonne) in liens {
        // Noms de tables et colonnes lus dans le schéma, jamais saisis par l'utilisateur.
        let n: i64 = conn.query_row(
            &format!("SELECT count(*) FROM \"{enfant}\" WHERE \"{colonne}\" = ?1"),
            [id],
            |r| r.get(0),
        )?;
        if n == 0 {
            continue;
        }
        let (mot, expr) = libelle(enfant, n);
        let exemples: Vec<String> = conn
            .prepare(&format!(
                "SELECT {expr} FROM \"{enfant}\" WHERE \"{colonne}\" = ?1 ORDER BY 1 LIMIT 3"
            ))?
            .query_map([id], |r| r.get::<_, rusqlite::types::Value>(0))?
            .map(|v| v.map(|v| valeur_texte(&v)))
            .collect::<Result<_, _>>()?;
        let suite = if n > 3 { ", …" } else { "" };
        usages.push(format!("{n} {mot} ({}{suite})", exemples.join(", ")));
    }
    Ok(usages)
}

fn valeur_texte(v: &rusqlite::types::Value) -> String {
    use rusqlite::types::Value;
    match v {
        Value::Text(s) => s.clone(),
        Value::Integer(i) => format!("n° {i}"),
        Value::Real(f) => f.to_string(),
        _ => String::new(),
    }
}
