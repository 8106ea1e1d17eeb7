-- Listes instantanées : la première page d'une liste se lit dans un index qui suit son tri, sans
-- trier toute la table. La clé `recherche` d'un établissement commence désormais par son nom
-- (etablissements::cle_recherche : nom, UAI, commune), comme celles des organisations et des
-- personnes ; l'index de cette clé donne la liste par nom. Numérotée 14 : la 13 est celle des
-- identifiants uid.

-- Les clés sont refaites d'un coup ; l'index plein texte, suspendu pendant ce temps, est
-- reconstruit ensuite (66 000 établissements : une reconstruction plutôt que 66 000 mises à jour).
DROP TRIGGER etablissement_fts_modif;
UPDATE etablissement SET recherche = normaliser(nom || ' ' || uai || ' ' || commune);
CREATE TRIGGER etablissement_fts_modif AFTER UPDATE OF id, recherche ON etablissement BEGIN
    INSERT INTO etablissement_fts (etablissement_fts, rowid, recherche) VALUES ('delete', old.id, old.recherche);
    INSERT INTO etablissement_fts (rowid, recherche) VALUES (new.id, new.recherche);
END;
INSERT INTO etablissement_fts (etablissement_fts) VALUES ('rebuild');

CREATE INDEX etablissement_recherche ON etablissement(recherche);
CREATE INDEX organisation_recherche ON organisation(recherche);
