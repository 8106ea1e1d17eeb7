//! Le journal des changements : qui a changé quoi, quand et par quel chemin (fenêtre, import,
//! campagne, restauration…). Les déclencheurs qui l'écrivent sont générés depuis le schéma à
//! chaque connexion (`declencheurs.rs`) : une table ajoutée par une migration est journalisée
//! sans rien écrire de plus. L'affichage (champs, libellés, valeurs) est dans `affichage.rs`, la
//! lecture et les filtres dans `lecture.rs`, la remise d'une fiche supprimée dans `remise.rs`, les créations en masse dans `plages.rs`.

mod affichage;
mod declencheurs;
mod lecture;
mod noms;
mod plages;
mod remise;

pub(crate) use affichage::libelle_actuel;
pub use affichage::{champs_lisibles, Changement, Entree};
pub use declencheurs::{armer, creations_en_bloc, json_de_la_ligne};
pub(crate) use lecture::entrees_ou;
pub use lecture::{
    changements_en_texte, document_journal, historique_fiche, lister, modele_journal,
    rendre_journal_csv, rendre_journal_texte, FiltreJournal,
};
pub use noms::{nom_de_champ, nom_de_table};
pub(crate) use plages::couvrant;
pub use remise::remettre;

use crate::Resultat;
use rusqlite::Connection;

crate::codes! {
    /// Ce qui est arrivé à la fiche.
    pub enum Operation {
        Creation = "creation" => "Création",
        Modification = "modification" => "Modification",
        Suppression = "suppression" => "Suppression",
        RestaurationBase = "restauration_base" => "Restauration de la base",
    }
}

crate::codes! {
    /// Par où le changement est passé.
    pub enum Chemin {
        Fenetre = "fenetre" => "fenêtre",
        LigneDeCommande = "ligne_de_commande" => "ligne de commande",
        Import = "import" => "import",
        Campagne = "campagne" => "campagne",
        Restauration = "restauration" => "restauration d'une sauvegarde",
        Demonstration = "demonstration" => "démonstration",
        Journal = "journal" => "remise depuis le journal",
    }
}

crate::codes! {
    /// Le module d'une table, pour filtrer le journal.
    pub enum Module {
        Annuaire = "annuaire" => "Annuaire",
        Conventions = "conventions" => "Conventions",
        Reunions = "reunions" => "Réunions",
        Clee = "clee" => "CLEE",
        Cet = "cet" => "CET",
        Ipe = "ipe" => "IPE",
        Parametres = "parametres" => "Paramètres",
        Base = "base" => "Base",
    }
}

impl Module {
    /// Le module d'une table d'après son nom (les tables d'un module partagent un préfixe).
    pub fn de_table(table: &str) -> Module {
        const PREFIXES: &[(&str, Module)] = &[
            ("academie", Module::Annuaire),
            ("bassin", Module::Annuaire),
            ("etablissement", Module::Annuaire),
            ("organisation", Module::Annuaire),
            ("personne", Module::Annuaire),
            ("convention", Module::Conventions),
            ("avenant", Module::Conventions),
            ("suivi_", Module::Conventions),
            ("contrat_progres", Module::Conventions),
            ("piece_jointe", Module::Conventions),
            ("reunion", Module::Reunions),
            ("comite_", Module::Clee),
            ("clee_", Module::Clee),
            ("action_clee", Module::Clee),
            ("cet", Module::Cet),
            ("cpc", Module::Cet),
            ("mandat_cet", Module::Cet),
            ("animation_", Module::Cet),
            ("ipe", Module::Ipe),
            ("mission_ipe", Module::Ipe),
            ("action_ipe", Module::Ipe),
            ("theme_ipe", Module::Ipe),
            ("commentaire_bilan", Module::Ipe),
        ];
        PREFIXES
            .iter()
            .find(|(p, _)| table.starts_with(p))
            .map(|(_, m)| *m)
            .unwrap_or(Module::Parametres)
    }
}

/// Fait passer les changements de `faire` par `chemin` (import, campagne…) puis revient au
/// chemin d'avant, même en cas d'erreur.
pub fn par<T>(
    conn: &Connection,
    chemin: Chemin,
    faire: impl FnOnce() -> Resultat<T>,
) -> Resultat<T> {
    let avant = chemin_actuel(conn)?;
    // Le chemin le plus extérieur l'emporte : l'import des actions de la démonstration reste
    // « démonstration ».
    if !matches!(avant, Chemin::Fenetre | Chemin::LigneDeCommande) {
        return faire();
    }
    fixer_chemin(conn, chemin)?;
    let resultat = faire();
    fixer_chemin(conn, avant)?;
    resultat
}

/// Le chemin par défaut de cette connexion (la ligne de commande le fixe en ouvrant la base).
pub fn fixer_chemin(conn: &Connection, chemin: Chemin) -> Resultat<()> {
    conn.execute("UPDATE temp.journal_contexte SET chemin = ?1", [chemin])?;
    Ok(())
}

fn chemin_actuel(conn: &Connection) -> Resultat<Chemin> {
    Ok(conn.query_row("SELECT chemin FROM temp.journal_contexte", [], |r| r.get(0))?)
}

/// Note au journal qu'une sauvegarde a remplacé la base (le journal d'avant est dans la
/// sauvegarde prise juste avant).
pub fn noter_restauration(conn: &Connection, sauvegarde: &str) -> Resultat<()> {
    conn.execute(
        "INSERT INTO journal (quand, chemin, operation, module, table_nom, ligne, libelle)
         VALUES (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime'), 'restauration',
                 'restauration_base', 'base', 'base', 0, ?1)",
        [sauvegarde],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests;
