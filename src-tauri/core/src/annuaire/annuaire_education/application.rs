//! De la fiche lue à la base : création, ou mise à jour par le code UAI des seuls champs que le
//! fichier porte. Une mise à jour qui ne change rien n'écrit rien (ni ligne, ni journal).

use super::lecture::Fiche;
use super::{CompteRendu, FermeCite};
use crate::annuaire::etablissements::{cle_recherche, EtatEtablissement, TypeEtablissement};
use crate::base;
use crate::Resultat;
use rusqlite::{params, Connection, OptionalExtension};

/// Crée ou met à jour l'établissement de `fiche`, en comptant ce qui s'est passé ; retient dans
/// `fermes_connus` les établissements déjà présents que le fichier dit fermés.
pub(super) fn appliquer(
    conn: &Connection,
    fiche: &Fiche,
    cr: &mut CompteRendu,
    fermes_connus: &mut Vec<i64>,
) -> Resultat<()> {
    let present: Option<(i64, Option<EtatEtablissement>, String)> = conn
        .prepare_cached("SELECT id, etat, commune FROM etablissement WHERE uai = ?1")?
        .query_row([&fiche.uai], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    let ferme = fiche.etat == Some(EtatEtablissement::Ferme);
    let Some((id, etat_avant, commune_avant)) = present else {
        creer(conn, fiche)?;
        cr.crees += 1;
        return Ok(());
    };
    if mettre_a_jour(conn, id, fiche, &commune_avant)? {
        cr.mis_a_jour += 1;
    } else {
        cr.inchanges += 1;
    }
    if ferme {
        if etat_avant != Some(EtatEtablissement::Ferme) {
            cr.fermes += 1;
        }
        fermes_connus.push(id);
    }
    Ok(())
}

/// Un établissement que Passerelle ne connaissait pas.
fn creer(conn: &Connection, fiche: &Fiche) -> Resultat<()> {
    let commune = fiche.commune.clone().unwrap_or_default();
    conn.prepare_cached(
        "INSERT INTO etablissement (uai, nom, type, nature, statut, adresse, code_postal,
             commune, academie_id, telephone, email, siret, etat, recherche)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    )?
    .execute(params![
        fiche.uai,
        fiche.nom,
        fiche.type_.unwrap_or(TypeEtablissement::Autre),
        fiche.nature.as_deref().unwrap_or_default(),
        fiche.statut,
        fiche.adresse.as_deref().unwrap_or_default(),
        fiche.code_postal.as_deref().unwrap_or_default(),
        commune,
        fiche.academie_id,
        fiche.telephone.as_deref().unwrap_or_default(),
        fiche.email.as_deref().unwrap_or_default(),
        fiche.siret,
        fiche.etat,
        cle_recherche(&fiche.uai, &fiche.nom, &commune),
    ])?;
    Ok(())
}

/// Met à jour l'établissement `id` ; `true` si un champ a changé.
fn mettre_a_jour(conn: &Connection, id: i64, fiche: &Fiche, commune_avant: &str) -> Resultat<bool> {
    let commune = fiche.commune.as_deref().unwrap_or(commune_avant);
    // Chaque champ absent du fichier (NULL) garde sa valeur ; le bassin, que le fichier ne porte
    // pas, n'est retiré que si l'établissement change d'académie (il n'y serait plus).
    let change = conn
        .prepare_cached(
            "UPDATE etablissement SET
                 nom = ?2, type = coalesce(?3, type), nature = coalesce(?4, nature),
                 statut = coalesce(?5, statut), adresse = coalesce(?6, adresse),
                 code_postal = coalesce(?7, code_postal), commune = ?8, academie_id = ?9,
                 bassin_id = CASE WHEN academie_id = ?9 THEN bassin_id END,
                 telephone = coalesce(?10, telephone), email = coalesce(?11, email),
                 siret = coalesce(?12, siret), etat = coalesce(?13, etat), recherche = ?14
             WHERE id = ?1
               AND (nom, type, nature, statut, adresse, code_postal, commune, academie_id,
                    telephone, email, siret, etat, recherche)
                   IS NOT (?2, coalesce(?3, type), coalesce(?4, nature), coalesce(?5, statut),
                    coalesce(?6, adresse), coalesce(?7, code_postal), ?8, ?9,
                    coalesce(?10, telephone), coalesce(?11, email), coalesce(?12, siret),
                    coalesce(?13, etat), ?14)",
        )?
        .execute(params![
            id,
            fiche.nom,
            fiche.type_,
            fiche.nature,
            fiche.statut,
            fiche.adresse,
            fiche.code_postal,
            commune,
            fiche.academie_id,
            fiche.telephone,
            fiche.email,
            fiche.siret,
            fiche.etat,
            cle_recherche(&fiche.uai, &fiche.nom, commune),
        ])?;
    Ok(change > 0)
}

/// Parmi les établissements que le fichier dit fermés, ceux que des fiches citent encore.
pub(super) fn fermes_cites(conn: &Connection, ids: &[i64]) -> Resultat<Vec<FermeCite>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let liens = base::liens_vers(conn, "etablissement")?;
    let mut cites = Vec::new();
    for id in ids {
        let u = base::usages_de(conn, &liens, *id)?;
        if u.is_empty() {
            continue;
        }
        // Absent après un essai s'il n'existait que par une ligne précédente du même fichier.
        let fiche: Option<(String, String)> = crate::base::une(
            conn,
            "SELECT uai, nom FROM etablissement WHERE id = ?1",
            [id],
        )?;
        if let Some((uai, nom)) = fiche {
            cites.push(FermeCite {
                uai,
                nom,
                usages: u,
            });
        }
    }
    cites.sort_by(|a, b| a.nom.cmp(&b.nom));
    cites.dedup();
    Ok(cites)
}
