//! Les contributions reçues, ce qui manque pour une période, les conflits et leur décision, la
//! provenance d'une fiche et ce que couvre un bilan consolidé.

use super::fusion::Fusion;
use super::import::CompteRendu;
use super::schema;
use super::Perimetre;
use crate::base::Ligne;
use crate::texte::nombre;
use crate::vocabulaire::Code;
use crate::{base, dates, journal, Erreur, Resultat};
use rusqlite::{params, Connection};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Serialize, Ligne)]
pub struct Source {
    pub id: i64,
    pub nom: String,
    pub academie: String,
    pub perimetre: Perimetre,
    #[ligne(par = libelle_du_perimetre)]
    pub perimetre_libelle: String,
    /// Académie choisie à l'export, « toutes » sinon.
    pub portee: String,
    pub periode: String,
    #[ligne(avec = horodatage)]
    pub cree_le: String,
    #[ligne(avec = horodatage)]
    pub recu_le: String,
    /// « Action IPE : 3 739, IPE : 54 ».
    #[ligne(avec = contenu)]
    pub contenu: String,
    pub fichier: String,
    pub conflits_ouverts: i64,
}

/// Le nom de l'académie de ce code, vide si aucune ne le porte.
fn nom_academie(conn: &Connection, code: &str) -> Resultat<String> {
    Ok(crate::annuaire::academies::chercher(conn, code)?
        .map(|a| a.nom)
        .unwrap_or_default())
}

/// « toutes », « niveau national » ou le nom de l'académie.
pub(super) fn nom_de_portee(conn: &Connection, portee: &str) -> Resultat<String> {
    Ok(match portee {
        "" => "toutes les académies".into(),
        p if p == super::Portee::National.code() => "niveau national".into(),
        code => nom_academie(conn, code)?,
    })
}

/// Le libellé du périmètre rangé dans la colonne `perimetre`.
fn libelle_du_perimetre(r: &rusqlite::Row) -> rusqlite::Result<String> {
    Ok(r.get::<_, Perimetre>("perimetre")?.libelle().to_string())
}

/// Une date et heure rangées, en français (« 06/12/2026 à 14:03 »).
fn horodatage(rangee: String) -> String {
    dates::horodatage_fr(&rangee, " à ")
}

/// « Action IPE : 3 739, IPE : 54 » : les comptes du manifeste (JSON), en français.
fn contenu(comptes: String) -> String {
    serde_json::from_str::<BTreeMap<String, i64>>(&comptes)
        .unwrap_or_default()
        .iter()
        .map(|(t, n)| format!("{} : {}", journal::nom_de_table(t), nombre(*n)))
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn sources(conn: &Connection) -> Resultat<Vec<Source>> {
    let mut sources: Vec<Source> = crate::base::toutes(
        conn,
        "SELECT s.id, s.source_nom AS nom, s.source_academie AS academie, s.perimetre, s.portee, s.periode,
                    s.cree_le, s.recu_le, s.comptes AS contenu, s.fichier,
                    (SELECT count(*) FROM consolidation_conflit k
                     WHERE k.source_id = s.id AND k.decision IS NULL) AS conflits_ouverts
             FROM consolidation_source s ORDER BY s.periode DESC, s.source_nom, s.perimetre, s.portee",
        [],
    )?;
    // Les codes d'académie deviennent des noms.
    for s in &mut sources {
        s.academie = nom_academie(conn, &s.academie)?;
        s.portee = nom_de_portee(conn, &s.portee)?;
    }
    Ok(sources)
}

/// Ce que montrent l'écran Consolidation et `passerelle sources` : l'identité de la base, les
/// contributions reçues, les académies sans paquet pour chaque période reçue, les conflits ouverts.
#[derive(Debug, Serialize)]
pub struct Etat {
    pub identite: super::Identite,
    /// « académie de Lille », « académie d'Amiens » ; vide pour une base nationale.
    pub academie: String,
    pub sources: Vec<Source>,
    /// (période, académies sans paquet), les plus récentes d'abord.
    pub manquantes: Vec<(String, Vec<String>)>,
    pub conflits: Vec<super::Conflit>,
}

pub fn etat(conn: &Connection) -> Resultat<Etat> {
    let sources = sources(conn)?;
    // Les sources sont triées par période : les périodes distinctes se suivent.
    let mut periodes: Vec<String> = sources.iter().map(|s| s.periode.clone()).collect();
    periodes.dedup();
    let manquantes = periodes
        .into_iter()
        .map(|p| Ok((p.clone(), academies_sans_source(conn, &p)?)))
        .collect::<Resultat<_>>()?;
    let identite = super::identite(conn)?;
    let academie = match identite.academie.as_str() {
        "" => String::new(),
        code => format!(
            "académie {}",
            crate::annuaire::academies::de(&nom_academie(conn, code)?)
        ),
    };
    Ok(Etat {
        identite,
        academie,
        sources,
        manquantes,
        conflits: super::conflits(conn, true)?,
    })
}

/// Les académies dont aucune contribution n'est arrivée pour la période, quel qu'en soit le
/// périmètre : ni une source de l'académie, ni un paquet limité à elle. Une base d'académie
/// (« DAET Lille ») ne guette que la sienne : les autres n'ont pas à lui envoyer de paquet.
pub fn academies_sans_source(conn: &Connection, periode: &str) -> Resultat<Vec<String>> {
    let ici = super::identite(conn)?.academie;
    crate::base::toutes(
        conn,
        "SELECT nom FROM academie a WHERE (?2 = '' OR a.code = ?2) AND NOT EXISTS (
                 SELECT 1 FROM consolidation_source s WHERE s.periode = ?1
                   AND (s.portee = a.code OR (s.portee = '' AND s.source_academie = a.code)))
             ORDER BY nom",
        params![periode, ici],
    )
}

/// Retire la contribution d'une source : ses fiches disparaissent, sauf celles qu'une autre
/// contribution apporte, qu'on a modifiées ici ou qu'une fiche d'ici cite (conflit noté).
pub fn retirer_source(conn: &Connection, id: i64) -> Resultat<CompteRendu> {
    base::atomique(conn, |conn| {
        let source: Option<String> = crate::base::une(
            conn,
            "SELECT source_uid FROM consolidation_source WHERE id = ?1",
            [id],
        )?;
        let source =
            source.ok_or_else(|| Erreur::Introuvable("Cette source n'existe plus.".into()))?;
        let schema = schema::lire(conn)?;
        let mut f = Fusion::nouvelle(conn, &schema, id, &source, CompteRendu::default())?;
        f.retirer_disparues()?;
        let cr = f.cr;
        conn.execute("DELETE FROM consolidation_source WHERE id = ?1", [id])?;
        Ok(cr)
    })
}

/// D'où vient une fiche : « Reçue de « DAET Lille » (IPE (registre et actions), 2007), paquet
/// exporté le 15/01/2008 à 10:02 ». Vide pour une fiche saisie ici.
pub fn provenance(conn: &Connection, table: &str, id: i64) -> Resultat<Vec<String>> {
    // Le nom vient de la page : une table qui ne voyage pas n'a pas de provenance.
    if schema::lire(conn)?.fiche(table).is_none() {
        return Ok(Vec::new());
    }
    let lignes: Vec<(String, Perimetre, String, String, bool)> = conn
        .prepare(&format!(
            "SELECT s.source_nom, s.perimetre, s.periode, s.cree_le, f.propre
             FROM {} t JOIN consolidation_fiche f ON f.table_nom = ?1 AND f.uid = t.uid
             JOIN consolidation_source s ON s.id = f.source_id WHERE t.id = ?2
             ORDER BY f.propre DESC, s.recu_le",
            crate::base::ident(table)
        ))?
        .query_map(params![table, id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })?
        .collect::<Result<_, _>>()?;
    Ok(lignes
        .into_iter()
        .map(|(nom, p, periode, cree, propre)| {
            format!(
                "{} de « {nom} » ({}, {periode}), paquet exporté le {}",
                if propre {
                    "Reçue"
                } else {
                    "Citée par un paquet"
                },
                p.libelle(),
                dates::horodatage_fr(&cree, " à ")
            )
        })
        .collect())
}

/// Ce que couvre un bilan d'une base de consolidation : « 24 sources, reçues du 02/01/2008 au
/// 15/01/2008 ». `None` pour une base qui n'a rien reçu pour ce périmètre et cette période.
/// Le bilan d'une académie compte les paquets de cette académie et ceux qui portaient toutes
/// les académies d'une base sans académie ou de celle-ci ; pas ceux des autres académies.
pub fn couverture(
    conn: &Connection,
    perimetre: Perimetre,
    periode: &str,
    academie_id: Option<i64>,
) -> Resultat<Option<String>> {
    let academie = match academie_id {
        Some(id) => Some(crate::annuaire::academies::lire(conn, id)?.code),
        None => None,
    };
    let (n, premier, dernier): (i64, Option<String>, Option<String>) = conn.query_row(
        "SELECT count(*), min(recu_le), max(recu_le) FROM consolidation_source
         WHERE periode = ?2 AND (perimetre = ?1 OR perimetre = 'tout')
           AND (?3 IS NULL OR portee = ?3 OR (portee = '' AND source_academie IN (?3, '')))",
        params![perimetre, periode, academie],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    let jour = |d: Option<String>| {
        d.as_deref()
            .and_then(dates::lire_horodatage)
            .map(|d| dates::francaise(d.date()))
            .unwrap_or_default()
    };
    let (premier, dernier) = (jour(premier), jour(dernier));
    Ok(match n {
        0 => None,
        1 => Some(format!("1 source, reçue le {premier}")),
        n if premier == dernier => Some(format!("{} sources, reçues le {premier}", nombre(n))),
        n => Some(format!(
            "{} sources, reçues du {premier} au {dernier}",
            nombre(n)
        )),
    })
}

/// La ligne qu'un bilan imprime et que l'écran Bilans montre : « Consolidation : 24 sources,
/// reçues du 02/01/2008 au 15/01/2008 » (`couverture` : ce que rend `couverture`).
pub fn ligne_couverture(couverture: &str) -> String {
    format!("Consolidation : {couverture}")
}

/// Celle d'une évolution, une couverture par année : « Consolidation — 2006 : 1 source, reçue le
/// 02/01/2008 ; 2007 : … » ; `None` si aucune année n'a de source.
pub fn ligne_couvertures<'a>(
    par_annee: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Option<String> {
    let annees: Vec<String> = par_annee
        .into_iter()
        .map(|(annee, c)| format!("{annee} : {c}"))
        .collect();
    (!annees.is_empty()).then(|| format!("Consolidation — {}", annees.join(" ; ")))
}
