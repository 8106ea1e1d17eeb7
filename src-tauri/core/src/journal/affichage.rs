//! Ce que le journal montre : une entrée lisible (« 12/03/2026 14:05 – statut : en vigueur →
//! dénoncée »), avec les noms français des fiches et des champs, les libellés des codes et le
//! nom des fiches citées plutôt que leur numéro.

use super::noms::{nom_de_champ, nom_de_table};
use super::{Chemin, Module, Operation};
use crate::base::Ligne;
use crate::vocabulaire::{Code, LISTES};
use crate::Resultat;
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::HashMap;

/// Ce qu'une lecture du journal a déjà cherché dans le schéma et dans les fiches : un export de
/// 100 000 entrées ne repose pas 100 000 fois la même question.
#[derive(Default)]
pub(super) struct Caches {
    cibles: HashMap<(String, String), Option<String>>,
    libelles: HashMap<(String, i64), Option<String>>,
    colonnes: HashMap<String, Vec<String>>,
}

impl Caches {
    fn cible(&mut self, conn: &Connection, table: &str, colonne: &str) -> Resultat<Option<String>> {
        let cle = (table.to_string(), colonne.to_string());
        if let Some(c) = self.cibles.get(&cle) {
            return Ok(c.clone());
        }
        let c = cible_de(conn, table, colonne)?;
        self.cibles.insert(cle, c.clone());
        Ok(c)
    }

    /// Les colonnes de `table` dans l'ordre du schéma : les champs s'affichent dans cet ordre.
    fn colonnes(&mut self, conn: &Connection, table: &str) -> Resultat<Vec<String>> {
        if let Some(c) = self.colonnes.get(table) {
            return Ok(c.clone());
        }
        let c: Vec<String> = crate::base::colonnes_de(conn, table)?;
        self.colonnes.insert(table.to_string(), c.clone());
        Ok(c)
    }

    fn libelle(&mut self, conn: &Connection, table: &str, id: i64) -> Resultat<Option<String>> {
        let cle = (table.to_string(), id);
        if let Some(l) = self.libelles.get(&cle) {
            return Ok(l.clone());
        }
        let l = libelle_actuel(conn, table, id)?;
        self.libelles.insert(cle, l.clone());
        Ok(l)
    }
}

/// Un champ changé ; `avant` est vide pour une création.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Changement {
    pub champ: String,
    pub avant: String,
    pub apres: String,
}

/// Une entrée du journal, prête à afficher.
#[derive(Debug, Clone, Serialize)]
pub struct Entree {
    pub id: i64,
    /// « 2026-03-12T14:05:00 »
    pub quand: String,
    /// « 12/03/2026 14:05 »
    pub quand_fr: String,
    pub operation: Operation,
    pub operation_libelle: &'static str,
    pub chemin: Chemin,
    pub chemin_libelle: &'static str,
    pub module: Module,
    pub module_libelle: &'static str,
    pub table: String,
    pub ligne: i64,
    /// « Convention « MEN – APCM » », « Présence (réunion n° 4) »
    pub fiche: String,
    pub changements: Vec<Changement>,
    /// Une suppression dont la fiche n'existe plus : elle peut être remise.
    pub restaurable: bool,
    /// Création en masse (`plages.rs`) : les valeurs de chaque fiche sont dans son historique.
    pub en_bloc: bool,
}

/// Une ligne brute de la table `journal`.
#[derive(Ligne)]
pub(super) struct Brute {
    pub id: i64,
    pub quand: String,
    pub chemin: Chemin,
    pub operation: Operation,
    pub module: Module,
    #[ligne(colonne = "table_nom")]
    pub table: String,
    pub ligne: i64,
    pub libelle: Option<String>,
    #[ligne(par = parent_lu)]
    pub parent: Option<(String, i64)>,
    pub avant: Option<String>,
    pub apres: Option<String>,
    /// Création en masse : les lignes `ligne` à `derniere_ligne` (`plages.rs`).
    pub derniere_ligne: Option<i64>,
}

pub(super) const COLONNES: &str = "id, quand, chemin, operation, module, table_nom, ligne, libelle,
    parent_table, parent_ligne, avant, apres, derniere_ligne";

/// La fiche parente notée avec la ligne (table et numéro), s'il y en a une.
fn parent_lu(r: &rusqlite::Row) -> rusqlite::Result<Option<(String, i64)>> {
    let table: Option<String> = r.get("parent_table")?;
    Ok(table.zip(r.get("parent_ligne")?))
}

/// Colonnes qui ne disent rien à l'utilisateur.
fn cachee(colonne: &str) -> bool {
    matches!(colonne, "id" | "recherche" | "uid")
}

/// Le libellé d'une fiche encore présente : `NULL` si elle a disparu.
pub(crate) fn libelle_actuel(conn: &Connection, table: &str, id: i64) -> Resultat<Option<String>> {
    let colonnes: Vec<String> = crate::base::colonnes_de(conn, table)?;
    if colonnes.is_empty() {
        return Ok(None);
    }
    let a = |c: &str| colonnes.iter().any(|x| x == c);
    let expression = if a("prenom") && a("nom") {
        "trim(coalesce(prenom, '') || ' ' || coalesce(nom, ''))".to_string()
    } else if let Some(c) = ["titre", "intitule", "nom", "objet", "cle", "libelle"]
        .into_iter()
        .find(|c| a(c))
    {
        c.to_string()
    } else if a("personne_id") {
        // Un IPE, un CET, un membre : la personne qu'il désigne.
        "(SELECT trim(coalesce(p.prenom, '') || ' ' || coalesce(p.nom, '')) FROM personne p WHERE p.id = personne_id)"
            .to_string()
    } else {
        "'n° ' || rowid".to_string()
    };
    // Le nom de table vient du schéma (pragma_table_info l'a trouvé), jamais de la saisie.
    let sql = format!(
        "SELECT {expression} FROM \"{}\" WHERE rowid = ?1",
        table.replace('"', "\"\"")
    );
    Ok(conn
        .query_row(&sql, [id], |r| r.get::<_, Option<String>>(0))
        .optional()?
        .flatten())
}

fn objet(json: &Option<String>) -> Map<String, Value> {
    json.as_deref()
        .and_then(|j| serde_json::from_str::<Value>(j).ok())
        .and_then(|v| match v {
            Value::Object(m) => Some(m),
            _ => None,
        })
        .unwrap_or_default()
}

/// Une valeur telle que l'utilisateur la lit : libellé de code, date française, nom de la
/// fiche citée, « (vide) ».
fn valeur(
    conn: &Connection,
    cache: &mut Caches,
    table: &str,
    colonne: &str,
    v: &Value,
) -> Resultat<String> {
    let brut = match v {
        Value::Null => return Ok("(vide)".into()),
        Value::String(s) if s.is_empty() => return Ok("(vide)".into()),
        Value::String(s) => s.clone(),
        autre => autre.to_string(),
    };
    if let Some(liste) = LISTES
        .iter()
        .find(|l| l.colonnes.contains(&(table, colonne)))
    {
        if let Some(c) = (liste.choix)().into_iter().find(|c| c.code == brut) {
            return Ok(c.libelle.to_string());
        }
    }
    if let (Some(cible), Value::Number(n)) = (cache.cible(conn, table, colonne)?, v) {
        if let Some(id) = n.as_i64() {
            return Ok(match cache.libelle(conn, &cible, id)? {
                Some(l) => l,
                None => format!("n° {id} (supprimé)"),
            });
        }
    }
    if let Ok(d) = chrono::NaiveDate::parse_from_str(&brut, "%Y-%m-%d") {
        return Ok(crate::dates::francaise(d));
    }
    // Une entrée tient sur une ligne (sortie texte de `passerelle historique`, tableau du journal).
    let brut = crate::texte::sur_une_ligne(&brut);
    Ok(if brut.chars().count() > 200 {
        format!("{}…", brut.chars().take(200).collect::<String>())
    } else {
        brut
    })
}

/// La table citée par la colonne `colonne` de `table`, si c'est une clé étrangère.
fn cible_de(conn: &Connection, table: &str, colonne: &str) -> Resultat<Option<String>> {
    crate::base::une(
        conn,
        "SELECT \"table\" FROM pragma_foreign_key_list(?1) WHERE \"from\" = ?2",
        [table, colonne],
    )
}

/// Les champs changés d'une entrée (tous ceux qui ont une valeur pour une création).
fn changements(conn: &Connection, cache: &mut Caches, b: &Brute) -> Resultat<Vec<Changement>> {
    let avant = objet(&b.avant);
    let apres = objet(&b.apres);
    let mut liste = Vec::new();
    if b.derniere_ligne.is_some() {
        return Ok(liste);
    }
    // Une suppression montre ce qui a été supprimé : les champs d'avant, sans « après ».
    let supprimee = b.operation == Operation::Suppression;
    if !matches!(
        b.operation,
        Operation::Creation | Operation::Modification | Operation::Suppression
    ) {
        return Ok(liste);
    }
    let lue = if supprimee { &avant } else { &apres };
    // Dans l'ordre des colonnes de la table ; une colonne disparue depuis vient à la fin.
    let mut ordre = cache.colonnes(conn, &b.table)?;
    ordre.retain(|c| lue.contains_key(c));
    ordre.extend(
        lue.keys()
            .filter(|k| !ordre.contains(k))
            .cloned()
            .collect::<Vec<_>>(),
    );
    for colonne in &ordre {
        let nouveau = apres.get(colonne).unwrap_or(&Value::Null);
        let ancien = avant.get(colonne).unwrap_or(&Value::Null);
        let vide = |v: &Value| v.is_null() || v.as_str() == Some("");
        if supprimee {
            if !cachee(colonne) && !vide(ancien) {
                liste.push(Changement {
                    champ: nom_de_champ(colonne),
                    avant: valeur(conn, cache, &b.table, colonne, ancien)?,
                    apres: String::new(),
                });
            }
            continue;
        }
        if cachee(colonne)
            || ancien == nouveau
            || (b.operation == Operation::Creation && vide(nouveau))
        {
            continue;
        }
        liste.push(Changement {
            champ: nom_de_champ(colonne),
            avant: if b.operation == Operation::Creation {
                String::new()
            } else {
                valeur(conn, cache, &b.table, colonne, ancien)?
            },
            apres: valeur(conn, cache, &b.table, colonne, nouveau)?,
        });
    }
    Ok(liste)
}

/// Les champs renseignés d'une ligne de `table` donnée en JSON (`json_object` de ses colonnes),
/// lisibles comme ceux d'une création : pour l'export des données d'une personne.
pub fn champs_lisibles(conn: &Connection, table: &str, json: &str) -> Resultat<Vec<Changement>> {
    let b = Brute {
        id: 0,
        quand: String::new(),
        chemin: Chemin::Fenetre,
        operation: Operation::Creation,
        module: Module::de_table(table),
        table: table.to_string(),
        ligne: 0,
        libelle: None,
        parent: None,
        avant: None,
        apres: Some(json.to_string()),
        derniere_ligne: None,
    };
    changements(conn, &mut Caches::default(), &b)
}

/// L'entrée lisible d'une ligne du journal.
pub(super) fn entree(conn: &Connection, cache: &mut Caches, b: Brute) -> Resultat<Entree> {
    let mut fiche = nom_de_table(&b.table);
    match (&b.libelle, &b.parent) {
        // « Action IPE : 100 000 fiches créées d'un bloc (n° 1 à 100 000) »
        (Some(l), _) if b.derniere_ligne.is_some() => fiche.push_str(&format!(
            " : {l} (n° {} à {})",
            b.ligne,
            b.derniere_ligne.unwrap_or(b.ligne)
        )),
        (Some(l), _) if !l.trim().is_empty() => fiche.push_str(&format!(" «\u{a0}{l}\u{a0}»")),
        (_, Some((table, id))) => {
            let parent = cache
                .libelle(conn, table, *id)?
                .map(|l| format!("«\u{a0}{l}\u{a0}»"))
                .unwrap_or_else(|| format!("n° {id}"));
            fiche.push_str(&format!(
                " ({} {parent})",
                nom_de_table(table).to_lowercase()
            ));
        }
        _ if b.table != "base" => fiche.push_str(&format!(" n° {}", b.ligne)),
        _ => {}
    }
    let restaurable = b.operation == Operation::Suppression
        && b.avant.is_some()
        && existe_encore(conn, &b.table, b.ligne)? == Some(false);
    Ok(Entree {
        changements: changements(conn, cache, &b)?,
        quand_fr: crate::dates::horodatage_fr(&b.quand, " "),
        operation_libelle: b.operation.libelle(),
        chemin_libelle: b.chemin.libelle(),
        module_libelle: b.module.libelle(),
        restaurable,
        en_bloc: b.derniere_ligne.is_some(),
        fiche,
        id: b.id,
        quand: b.quand,
        operation: b.operation,
        chemin: b.chemin,
        module: b.module,
        table: b.table,
        ligne: b.ligne,
    })
}

/// `Some(true)` si la ligne existe, `Some(false)` sinon, `None` si la table n'existe plus.
pub(super) fn existe_encore(conn: &Connection, table: &str, id: i64) -> Resultat<Option<bool>> {
    let connue: i64 = conn.query_row(
        "SELECT count(*) FROM pragma_table_list WHERE schema = 'main' AND name = ?1",
        [table],
        |r| r.get(0),
    )?;
    if connue == 0 {
        return Ok(None);
    }
    let sql = format!(
        "SELECT count(*) FROM \"{}\" WHERE rowid = ?1",
        table.replace('"', "\"\"")
    );
    Ok(Some(
        conn.query_row(&sql, [id], |r| r.get::<_, i64>(0))? > 0,
    ))
}
