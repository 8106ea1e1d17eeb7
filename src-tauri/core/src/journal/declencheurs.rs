//! Les déclencheurs du journal, générés depuis le schéma de la base ouverte. Ils sont TEMP :
//! posés par chaque connexion de Passerelle, ils ne voyagent ni dans les copies ni dans les
//! sauvegardes, et un outil extérieur peut écrire sans eux. Le chemin (fenêtre, import…) est lu
//! dans la table temporaire `journal_contexte` de la connexion.

use super::Module;
use crate::Resultat;
use rusqlite::Connection;

/// Une table journalisée : ses colonnes, le libellé de ses lignes et la fiche qui la contient.
struct Table {
    nom: String,
    colonnes: Vec<String>,
    /// Clés étrangères `ON DELETE CASCADE` vers la fiche dont cette ligne est une partie (une
    /// réunion appartient à une convention ou à un comité : la première renseignée l'emporte).
    parents: Vec<(String, String)>,
}

/// Pose (ou repose, après une migration ou une restauration) les déclencheurs du journal sur
/// chaque table de la base. Sans table `journal` (base ancienne, pas encore migrée) : rien.
pub fn armer(conn: &Connection) -> Resultat<()> {
    let journal: i64 = conn.query_row(
        "SELECT count(*) FROM main.sqlite_master WHERE type = 'table' AND name = 'journal'",
        [],
        |r| r.get(0),
    )?;
    if journal == 0 {
        return Ok(());
    }
    conn.execute_batch(
        "CREATE TEMP TABLE IF NOT EXISTS journal_contexte (chemin TEXT NOT NULL);
         INSERT INTO journal_contexte (chemin)
             SELECT 'fenetre' WHERE NOT EXISTS (SELECT 1 FROM journal_contexte);",
    )?;
    let anciens = declencheurs_poses(conn, "journal\\_%")?
        .into_iter()
        .chain(declencheurs_poses(conn, "uid\\_%")?);
    let mut sql = String::new();
    for nom in anciens {
        sql.push_str(&format!("DROP TRIGGER temp.{};\n", ident(&nom)));
    }
    for table in tables(conn)? {
        sql.push_str(&declencheurs(&table));
        sql.push_str(&uid_a_la_creation(&table));
    }
    conn.execute_batch(&sql)?;
    Ok(())
}

/// Exécute `faire` (un import, la fusion de paquets) sans les déclencheurs de création, puis
/// note les lignes créées d'une instruction par table, dans la même transaction : une à une
/// jusqu'à `SEUIL_EN_MASSE`, d'une seule entrée au-delà (`plages.rs`).
/// Pourquoi : une écriture qui déclenche une note ouvre un journal d'instruction où SQLite copie
/// chaque page touchée ; ligne à ligne, le journal triplait la durée d'un import de 100 000
/// actions (bench-ipe). Les modifications et suppressions restent notées par les déclencheurs.
/// Imbriqué (import dans la démonstration), ou sans journal : `faire` seul.
pub fn creations_en_bloc<T>(conn: &Connection, faire: impl FnOnce() -> Resultat<T>) -> Resultat<T> {
    let creations = declencheurs_poses(conn, "journal\\_%\\_c")?;
    if creations.is_empty() {
        return faire();
    }
    let creations = creations
        .into_iter()
        .chain(declencheurs_poses(conn, "uid\\_%")?);
    let tables = tables(conn)?;
    let mut derniers = Vec::with_capacity(tables.len());
    for t in &tables {
        let dernier: i64 = conn.query_row(
            &format!("SELECT coalesce(max(rowid), 0) FROM {}", ident(&t.nom)),
            [],
            |r| r.get(0),
        )?;
        derniers.push(dernier);
    }
    let sql: String = creations
        .map(|n| format!("DROP TRIGGER temp.{};\n", ident(&n)))
        .collect();
    conn.execute_batch(&sql)?;
    let resultat = faire();
    let notes: Resultat<()> = match &resultat {
        Ok(_) => tables.iter().zip(&derniers).try_for_each(|(t, dernier)| {
            if t.colonnes.iter().any(|c| c == "uid") {
                conn.execute(
                    &format!(
                        "UPDATE {} SET uid = passerelle_uid() WHERE rowid > ?1 AND uid IS NULL",
                        ident(&t.nom)
                    ),
                    [dernier],
                )?;
            }
            noter_creations(conn, t, *dernier)
        }),
        Err(_) => Ok(()),
    };
    // Toujours reposés, même après une erreur : la connexion continue de noter.
    armer(conn)?;
    notes?;
    resultat
}

/// Note les lignes de `t` créées après `dernier` : une à une, comme le ferait le déclencheur ;
/// au-delà de `SEUIL_EN_MASSE`, une seule note pour toutes (`plages.rs`).
fn noter_creations(conn: &Connection, t: &Table, dernier: i64) -> Resultat<()> {
    let (n, premiere, derniere): (i64, Option<i64>, Option<i64>) = conn.query_row(
        &format!(
            "SELECT count(*), min(rowid), max(rowid) FROM {} WHERE rowid > ?1",
            ident(&t.nom)
        ),
        [dernier],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    let (Some(premiere), Some(derniere)) = (premiere, derniere) else {
        return Ok(());
    };
    if n as usize <= crate::annuaire::recherche::SEUIL_EN_MASSE {
        conn.execute(
            &format!(
                "{INSERTION} SELECT {} FROM {} AS nouvelle WHERE nouvelle.rowid > ?1
                 ORDER BY nouvelle.rowid",
                valeurs(t, "creation", "nouvelle", "NULL", &json(t, "nouvelle")),
                ident(&t.nom)
            ),
            [dernier],
        )?;
        return Ok(());
    }
    conn.execute(
        "INSERT INTO journal (quand, chemin, operation, module, table_nom, ligne, derniere_ligne,
                              libelle)
         VALUES (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime'),
                 (SELECT chemin FROM journal_contexte), 'creation', ?1, ?2, ?3, ?4, ?5)",
        rusqlite::params![
            Module::de_table(&t.nom).as_str(),
            t.nom,
            premiere,
            derniere,
            super::plages::libelle(n),
        ],
    )?;
    Ok(())
}

/// Les déclencheurs temporaires posés dont le nom suit `motif` (LIKE, échappement `\\`).
fn declencheurs_poses(conn: &Connection, motif: &str) -> Resultat<Vec<String>> {
    crate::base::toutes(
        conn,
        "SELECT name FROM sqlite_temp_master
             WHERE type = 'trigger' AND name LIKE ?1 ESCAPE '\\'",
        [motif],
    )
}

/// Une fiche créée sans identifiant global (par n'importe quel chemin de Passerelle) en reçoit
/// un : le code qui crée n'a pas à y penser. Une remise depuis le journal ou un import de
/// paquet l'écrit lui-même et garde le sien.
fn uid_a_la_creation(t: &Table) -> String {
    if !t.colonnes.iter().any(|c| c == "uid") {
        return String::new();
    }
    format!(
        "CREATE TEMP TRIGGER {nom} AFTER INSERT ON {table} WHEN NEW.uid IS NULL BEGIN
             UPDATE {table} SET uid = passerelle_uid() WHERE rowid = NEW.rowid; END;\n",
        nom = ident(&format!("uid_{}", t.nom)),
        table = ident(&t.nom),
    )
}

fn tables(conn: &Connection) -> Resultat<Vec<Table>> {
    let noms: Vec<String> = crate::base::toutes(
        conn,
        "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table'
               AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name NOT LIKE 'consolidation\\_%' ESCAPE '\\'
               AND name NOT IN ('journal', 'academie')
             ORDER BY name",
        [],
    )?;
    let mut tables = Vec::new();
    for nom in noms {
        let colonnes: Vec<String> = crate::base::colonnes_de(conn, &nom)?;
        let mut parents: Vec<(String, String)> = crate::base::toutes(
            conn,
            "SELECT \"table\", \"from\" FROM pragma_foreign_key_list(?1)
                 WHERE on_delete = 'CASCADE' ORDER BY id DESC",
            [&nom],
        )?;
        // Une présence appartient à sa réunion plutôt qu'à la personne présente.
        parents.sort_by_key(|(t, _)| Module::de_table(t) == Module::Annuaire);
        tables.push(Table {
            nom,
            colonnes,
            parents,
        });
    }
    Ok(tables)
}

use crate::base::ident;

fn litteral(texte: &str) -> String {
    format!("'{}'", texte.replace('\'', "''"))
}

/// Le libellé d'une ligne (« NEW » ou « OLD ») : titre, intitulé, prénom et nom…
fn libelle(t: &Table, ligne: &str) -> String {
    let a = |c: &str| t.colonnes.iter().any(|x| x == c);
    if a("prenom") && a("nom") {
        format!("trim(coalesce({ligne}.prenom, '') || ' ' || coalesce({ligne}.nom, ''))")
    } else if let Some(c) = ["titre", "intitule", "nom", "objet", "cle", "libelle"]
        .into_iter()
        .find(|c| a(c))
    {
        format!("{ligne}.{c}")
    } else {
        "NULL".into()
    }
}

/// L'expression `json_object(…)` de toutes les colonnes de `table` (préfixées par `alias`),
/// comme le journal les garde.
pub fn json_de_la_ligne(conn: &Connection, table: &str, alias: &str) -> Resultat<String> {
    let colonnes: Vec<String> = crate::base::colonnes_de(conn, table)?;
    Ok(json(
        &Table {
            nom: table.to_string(),
            colonnes,
            parents: Vec::new(),
        },
        alias,
    ))
}

fn json(t: &Table, ligne: &str) -> String {
    let paires: Vec<String> = t
        .colonnes
        .iter()
        .map(|c| format!("{}, {ligne}.{}", litteral(c), ident(c)))
        .collect();
    format!("json_object({})", paires.join(", "))
}

const INSERTION: &str = "INSERT INTO journal (quand, chemin, operation, module, table_nom, ligne,
                         libelle, parent_table, parent_ligne, avant, apres)";

/// Les valeurs d'une note du journal pour la ligne `ligne` (« NEW », « OLD » ou l'alias d'une
/// lecture de la table) : mêmes expressions dans les déclencheurs et dans les notes en bloc.
fn valeurs(t: &Table, operation: &str, ligne: &str, avant: &str, apres: &str) -> String {
    let module = litteral(Module::de_table(&t.nom).as_str());
    let nom = litteral(&t.nom);
    let parent_table = if t.parents.is_empty() {
        "NULL".to_string()
    } else {
        let cas: Vec<String> = t
            .parents
            .iter()
            .map(|(table, c)| {
                format!(
                    "WHEN {ligne}.{} IS NOT NULL THEN {}",
                    ident(c),
                    litteral(table)
                )
            })
            .collect();
        format!("CASE {} END", cas.join(" "))
    };
    let parent_ligne = match t.parents.as_slice() {
        [] => "NULL".to_string(),
        [(_, c)] => format!("{ligne}.{}", ident(c)),
        plusieurs => {
            let c: Vec<String> = plusieurs
                .iter()
                .map(|(_, c)| format!("{ligne}.{}", ident(c)))
                .collect();
            format!("coalesce({})", c.join(", "))
        }
    };
    format!(
        "strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime'), (SELECT chemin FROM journal_contexte),
         '{operation}', {module}, {nom}, {ligne}.rowid, {}, {parent_table}, {parent_ligne}, {avant}, {apres}",
        libelle(t, ligne),
    )
}

fn declencheurs(t: &Table) -> String {
    let entree = |operation: &str, ligne: &str, avant: &str, apres: &str| {
        format!(
            "{INSERTION} VALUES ({});",
            valeurs(t, operation, ligne, avant, apres)
        )
    };
    // L'identifiant global posé juste après la création n'est pas une modification.
    let change: Vec<String> = t
        .colonnes
        .iter()
        .filter(|c| *c != "uid")
        .map(|c| format!("NEW.{0} IS NOT OLD.{0}", ident(c)))
        .collect();
    let prefixe = format!("journal_{}", t.nom);
    format!(
        "CREATE TEMP TRIGGER {c} AFTER INSERT ON {table} BEGIN {} END;
         CREATE TEMP TRIGGER {m} AFTER UPDATE ON {table} WHEN {quand} BEGIN {} END;
         CREATE TEMP TRIGGER {s} AFTER DELETE ON {table} BEGIN {} END;\n",
        entree("creation", "NEW", "NULL", &json(t, "NEW")),
        entree("modification", "NEW", &json(t, "OLD"), &json(t, "NEW")),
        entree("suppression", "OLD", &json(t, "OLD"), "NULL"),
        c = ident(&format!("{prefixe}_c")),
        m = ident(&format!("{prefixe}_m")),
        s = ident(&format!("{prefixe}_s")),
        table = ident(&t.nom),
        quand = change.join(" OR "),
    )
}
