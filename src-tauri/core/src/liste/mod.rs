//! Ce que toutes les listes partagent : recherche pendant la frappe, filtres, tri sur liste
//! blanche, limite, total. Les modules à venir s'en servent aussi.

mod citations;

pub use citations::{
    existant, existe, ids, sans_doublon, verifier_ids, verifier_ids_connus, Existants, Liaison,
};

use crate::{texte, Erreur, Resultat};
use rusqlite::types::Value;
use rusqlite::{Connection, Row};
use serde::{Deserialize, Serialize};

/// Paramètres communs envoyés par l'écran de liste.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct ParametresListe {
    pub recherche: String,
    pub tri: Option<String>,
    pub descendant: bool,
    pub limite: Option<i64>,
    /// Ce que l'écran demande : tout (par défaut), la page seule, ou le total seul.
    pub partie: Partie,
}

/// Une liste se lit en deux temps à l'écran : la page d'abord (quelques millisecondes), puis,
/// si elle est pleine, le total, qui peut demander de lire toute la table (recherche d'un mot
/// fréquent parmi 100 000 fiches). Les autres appelants prennent tout d'un coup.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Partie {
    #[default]
    Tout,
    /// Les lignes ; le total n'est compté que s'il est connu sans lire plus loin.
    Lignes,
    /// Le total seul, sans lignes.
    Total,
}

#[derive(Debug, Serialize)]
pub struct Liste<T> {
    pub lignes: Vec<T>,
    /// Nombre total de lignes qui répondent, au-delà de la limite affichée.
    pub total: i64,
    /// Page pleine lue sans son total (`Partie::Lignes`) : `total` ne compte que les lignes
    /// lues, l'écran demande le vrai total à part.
    pub total_a_venir: bool,
    /// Plus de `total` lignes répondent (total seul d'une recherche, `PLAFOND_TOTAL`).
    pub total_plafonne: bool,
}

/// Limite par défaut d'une liste affichée : au-delà, l'utilisateur affine sa recherche.
pub const LIMITE_DEFAUT: i64 = 200;

/// Au-delà, le total d'une recherche se dit « plus de 1 000 » : le compter exactement
/// demanderait de relire toute la table pour un mot fréquent (100 000 personnes, « j » :
/// 77 ms), et ce nombre-là ne change rien à ce qu'on fait (affiner la recherche).
pub const PLAFOND_TOTAL: i64 = 1000;

/// La requête de base d'une liste : ses colonnes, ses tables (FROM … JOIN …) et l'identifiant
/// de sa table principale (`x.id`), écrits par le module. Une jointure vers une fiche qui existe
/// toujours (clé étrangère NOT NULL) s'écrit LEFT JOIN : SQLite l'omet alors quand ni le filtre
/// ni le tri ne s'en servent (total, identifiants de la page).
pub struct Requete {
    pub colonnes: &'static str,
    pub tables: &'static str,
    pub id: &'static str,
}

/// Conditions et paramètres liés d'une requête de liste.
#[derive(Default)]
pub struct Filtre {
    conditions: Vec<String>,
    parametres: Vec<Value>,
    /// Un mot tapé filtre la liste : son total est plafonné (voir `PLAFOND_TOTAL`).
    texte: bool,
}

impl Filtre {
    fn lier(&mut self, v: Value) -> String {
        self.parametres.push(v);
        format!("?{}", self.parametres.len())
    }

    /// Chaque mot tapé doit figurer dans l'une des clés de recherche `cles` (colonnes `recherche`
    /// déjà normalisées : celle de la fiche et celles des fiches jointes), accents et casse ignorés.
    pub fn recherche(&mut self, cles: &[&str], saisie: &str) -> &mut Self {
        for mot in texte::normaliser(saisie)
            .split(' ')
            .filter(|m| !m.is_empty())
        {
            self.texte = true;
            let p = self.lier(Value::Text(mot.to_string()));
            let une_des_cles: Vec<String> = cles
                .iter()
                .map(|c| format!("instr(coalesce({c}, ''), {p}) > 0"))
                .collect();
            self.conditions
                .push(format!("({})", une_des_cles.join(" OR ")));
        }
        self
    }

    /// Recherche par l'index plein texte de l'annuaire : chaque mot tapé doit figurer dans la clé
    /// de la fiche ou dans celle d'une fiche qu'elle cite. `fiche` : (identifiant de la ligne
    /// listée, sa table, sa clé), par exemple `("p.id", "personne", "p.recherche")` ; `liens` :
    /// (colonne de `table` qui cite, table citée, clé de la fiche citée dans la requête).
    ///
    /// Un mot sélectif (moins de `recherche::PEU` fiches dans chaque index) retient les lignes par
    /// leur identifiant : rien ne parcourt la table. Une table sans index plein texte (bassins,
    /// CET) y est lue par sa clé, ce qui ne coûte que sa taille. Un mot court ou fréquent (« ly »,
    /// « lycée ») ne gagnerait rien à l'index (la page suit l'index du tri et s'arrête aux
    /// premières lignes qui répondent) : il est cherché dans les clés, ligne par ligne.
    pub fn recherche_indexee(
        &mut self,
        conn: &Connection,
        (id, table, cle): (&str, &str, &str),
        liens: &[(&str, &str, &str)],
        saisie: &str,
    ) -> &mut Self {
        use crate::annuaire::recherche;
        for mot in recherche::mots(saisie) {
            self.texte = true;
            let indexees: Vec<&str> = std::iter::once(table)
                .chain(liens.iter().map(|(_, citee, _)| *citee))
                .filter(|t| recherche::TABLES_INDEXEES.contains(t))
                .collect();
            let selectif = recherche::indexable(&mot)
                && !indexees.is_empty()
                && indexees.iter().all(|t| recherche::selectif(conn, t, &mot));
            if !selectif {
                self.dans_les_cles(conn, (id, cle), liens, &mot);
                continue;
            }
            let mut sources = Vec::new();
            let p = format!("?{}", self.parametres.len() + 1);
            let (sql, valeur) = recherche::ids_contenant(table, &mot, &p);
            self.parametres.push(valeur);
            sources.push(sql);
            for (colonne, citee, _) in liens {
                let p = format!("?{}", self.parametres.len() + 1);
                let (sql, valeur) = recherche::ids_contenant(citee, &mot, &p);
                self.parametres.push(valeur);
                sources.push(format!("SELECT id FROM {table} WHERE {colonne} IN ({sql})"));
            }
            self.conditions
                .push(format!("{id} IN ({})", sources.join(" UNION ")));
        }
        self
    }

    /// Un mot court ou fréquent dans la table listée (« jerome » : une personne sur six) :
    /// cherché dans la clé de la fiche, ligne par ligne, et dans les fiches qu'elle cite
    /// (`fiche_citee_contient`).
    fn dans_les_cles(
        &mut self,
        conn: &Connection,
        (id, cle): (&str, &str),
        liens: &[(&str, &str, &str)],
        mot: &str,
    ) {
        let alias = id.rsplit_once('.').map_or("", |(a, _)| a);
        let p = self.lier(Value::Text(mot.to_string()));
        let mut une_des_cles = vec![format!("instr({cle}, {p}) > 0")];
        for lien in liens {
            une_des_cles.extend(self.fiche_citee_contient(conn, alias, lien, mot, &p));
        }
        self.conditions
            .push(format!("({})", une_des_cles.join(" OR ")));
    }

    /// La condition « la fiche citée par `colonne` contient `mot` » (lié en `p`), au moins
    /// coûteux. Aucune fiche citée ne le contient : pas de condition, et la page suit l'index
    /// du tri sans lire les lignes (66 000 établissements, page de « lievin 7 » 33 → 6 ms ;
    /// 100 000 personnes, page de « jerome nom4 » au 95e centile 17 → 7 ms). Sinon :
    /// - table citée indexée où le mot est rare : par les identifiants que donne son index, lus
    ///   une fois ; ni le filtre ni le tri ne joignent alors cette table (100 000 personnes,
    ///   total de « jerome » 57 → 26 ms) ;
    /// - table sans index (bassins) : par les identifiants de ses fiches qui le contiennent ;
    /// - mot fréquent là aussi : dans sa clé, par la jointure.
    fn fiche_citee_contient(
        &mut self,
        conn: &Connection,
        alias: &str,
        &(colonne, citee, cle_citee): &(&str, &str, &str),
        mot: &str,
        p: &str,
    ) -> Option<String> {
        use crate::annuaire::recherche;
        if !recherche::TABLES_INDEXEES.contains(&citee) {
            let sql = format!("SELECT 1 FROM {citee} WHERE instr(recherche, ?1) > 0 LIMIT 1");
            // Dans le doute (erreur de lecture), la condition reste.
            let cite = conn
                .prepare_cached(&sql)
                .and_then(|mut st| st.exists([mot]))
                .unwrap_or(true);
            return cite.then(|| {
                format!(
                    "{alias}.{colonne} IN (SELECT id FROM {citee} WHERE instr(recherche, {p}) > 0)"
                )
            });
        }
        match recherche::fiches_contenant(conn, citee, mot) {
            Some(0) => return None,
            Some(n) if n < recherche::PEU => {}
            _ => return Some(format!("instr(coalesce({cle_citee}, ''), {p}) > 0")),
        }
        let q = format!("?{}", self.parametres.len() + 1);
        let (sql, valeur) = recherche::ids_contenant(citee, mot, &q);
        self.parametres.push(valeur);
        Some(format!("{alias}.{colonne} IN ({sql})"))
    }

    /// `colonne = valeur`, si une valeur est choisie.
    pub fn egal<V: Into<Value>>(&mut self, colonne: &str, valeur: Option<V>) -> &mut Self {
        if let Some(v) = valeur {
            let p = self.lier(v.into());
            self.conditions.push(format!("{colonne} = {p}"));
        }
        self
    }

    /// Condition écrite par le module, où chaque `{}` reçoit, lié, la valeur suivante.
    pub fn condition_liee<V: Into<Value>>(
        &mut self,
        sql: &str,
        valeurs: impl IntoIterator<Item = V>,
    ) -> &mut Self {
        let mut morceaux = sql.split("{}");
        let mut texte = morceaux.next().unwrap_or_default().to_string();
        for (morceau, v) in morceaux.zip(valeurs) {
            texte += &self.lier(v.into());
            texte += morceau;
        }
        self.conditions.push(texte);
        self
    }

    /// Condition libre écrite par le module (jamais par l'utilisateur).
    pub fn condition(&mut self, sql: &str) -> &mut Self {
        self.conditions.push(sql.to_string());
        self
    }

    /// Exécute la requête filtrée, triée selon `tris` (clé → expression), `tris[0]` étant
    /// l'ordre par défaut.
    ///
    /// En deux temps : les identifiants de la page, lus avec les seules colonnes du filtre et du
    /// tri (un index qui suit le tri donne les premiers sans trier la table), puis les colonnes
    /// de ces lignes seulement (sous-requêtes comprises). Le total se compte à part, sans les
    /// jointures dont le filtre ne se sert pas, et seulement si la page est pleine.
    pub fn lister<T>(
        &self,
        conn: &Connection,
        requete: &Requete,
        tris: &[(&str, &str)],
        p: &ParametresListe,
        ligne: impl FnMut(&Row) -> rusqlite::Result<T>,
    ) -> Resultat<Liste<T>> {
        let clause = if self.conditions.is_empty() {
            String::new()
        } else {
            format!(" WHERE {}", self.conditions.join(" AND "))
        };
        let Requete {
            colonnes,
            tables,
            id,
        } = requete;
        let limite = p.limite.unwrap_or(LIMITE_DEFAUT).clamp(1, 100_000);
        let lignes = if p.partie == Partie::Total {
            Vec::new()
        } else {
            let ordre = format!("{}, {id}", ordre(tris, p)?);
            let sql = format!(
                "SELECT {colonnes} FROM {tables} WHERE {id} IN
                     (SELECT {id} FROM {tables}{clause} ORDER BY {ordre} LIMIT {limite})
                 ORDER BY {ordre}"
            );
            conn.prepare_cached(&sql)?
                .query_map(rusqlite::params_from_iter(self.parametres.iter()), ligne)?
                .collect::<Result<Vec<_>, _>>()?
        };
        let lues = lignes.len() as i64;
        let pleine = lues >= limite;
        let (total, total_a_venir, total_plafonne) = match p.partie {
            Partie::Lignes | Partie::Tout if !pleine => (lues, false, false),
            Partie::Lignes => (lues, true, false),
            Partie::Tout | Partie::Total => {
                // LIMIT -1 : la sous-requête n'est pas fondue dans le count(*), et SQLite y
                // omet les LEFT JOIN inutiles (100 000 personnes : 23 → 2 ms).
                // Le total seul d'une recherche s'arrête au plafond : chercher un mot fréquent ou
                // une lettre ne relit pas toute la table.
                let plafond = if p.partie == Partie::Total && self.texte {
                    PLAFOND_TOTAL + 1
                } else {
                    -1
                };
                let sql = format!(
                    "SELECT count(*) FROM (SELECT 1 FROM {tables}{clause} LIMIT {plafond})"
                );
                let n: i64 = conn
                    .prepare_cached(&sql)?
                    .query_row(rusqlite::params_from_iter(self.parametres.iter()), |r| {
                        r.get(0)
                    })?;
                if plafond > 0 && n > PLAFOND_TOTAL {
                    (PLAFOND_TOTAL, false, true)
                } else {
                    (n, false, false)
                }
            }
        };
        Ok(Liste {
            lignes,
            total,
            total_a_venir,
            total_plafonne,
        })
    }
}

/// L'expression de tri choisie (liste blanche `tris`), chaque terme dans le sens demandé.
fn ordre(tris: &[(&str, &str)], p: &ParametresListe) -> Resultat<String> {
    let expression = match &p.tri {
        None => tris[0].1,
        Some(cle) => tris
            .iter()
            .find(|(c, _)| c == cle)
            .map(|(_, e)| *e)
            .ok_or_else(|| Erreur::validation("tri", format!("Tri inconnu : « {cle} ».")))?,
    };
    let sens = if p.descendant { "DESC" } else { "ASC" };
    Ok(termes(expression)
        .iter()
        .map(|t| format!("{t} {sens}"))
        .collect::<Vec<_>>()
        .join(", "))
}

/// Les termes d'une expression de tri, séparés par les virgules hors parenthèses.
fn termes(expression: &str) -> Vec<&str> {
    let mut termes = Vec::new();
    let (mut profondeur, mut debut) = (0i32, 0);
    for (i, c) in expression.char_indices() {
        match c {
            '(' => profondeur += 1,
            ')' => profondeur -= 1,
            ',' if profondeur == 0 => {
                termes.push(expression[debut..i].trim());
                debut = i + 1;
            }
            _ => {}
        }
    }
    termes.push(expression[debut..].trim());
    termes
}

/// Lit une ligne par son identifiant avec la même requête que la liste.
pub fn lire_un<T>(
    conn: &Connection,
    requete: &Requete,
    colonne_id: &str,
    id: i64,
    quoi: &str,
    ligne: impl FnOnce(&Row) -> rusqlite::Result<T>,
) -> Resultat<T> {
    use rusqlite::OptionalExtension;
    let Requete {
        colonnes, tables, ..
    } = requete;
    conn.query_row(
        &format!("SELECT {colonnes} FROM {tables} WHERE {colonne_id} = ?1"),
        [id],
        ligne,
    )
    .optional()?
    .ok_or_else(|| Erreur::Introuvable(format!("{quoi} n° {id} n'existe pas (ou plus).")))
}

/// Supprime une ligne après avoir vérifié que rien ne la cite.
pub fn supprimer(conn: &Connection, table: &str, id: i64, nom: &str) -> Resultat<()> {
    crate::base::verifier_non_utilise(conn, table, id, nom)?;
    conn.execute(&format!("DELETE FROM {table} WHERE id = ?1"), [id])?;
    Ok(())
}

/// L'enregistrement `table`/`id` doit exister ; sinon « {quoi} n° {id} n'existe pas (ou plus). »
pub fn exiger(conn: &Connection, table: &str, id: i64, quoi: &str) -> Resultat<()> {
    if existe(conn, table, id)? {
        Ok(())
    } else {
        Err(Erreur::Introuvable(format!(
            "{quoi} n° {id} n'existe pas (ou plus)."
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chaque_terme_du_tri_prend_le_sens() {
        assert_eq!(
            termes("normaliser(coalesce(o.nom, '')), p.id"),
            ["normaliser(coalesce(o.nom, ''))", "p.id"]
        );
        let p = ParametresListe {
            tri: Some("nom".into()),
            descendant: true,
            ..Default::default()
        };
        let tris = [
            ("date", "x.date"),
            ("nom", "normaliser(p.nom), normaliser(p.prenom)"),
        ];
        assert_eq!(
            ordre(&tris, &p).unwrap(),
            "normaliser(p.nom) DESC, normaliser(p.prenom) DESC"
        );
        let inconnu = ParametresListe {
            tri: Some("x; DROP TABLE x".into()),
            ..Default::default()
        };
        assert!(ordre(&tris, &inconnu).is_err());
    }
}
