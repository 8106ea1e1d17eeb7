-- Recherche instantanée dans l'annuaire : un index plein texte FTS5 à trigrammes (recherche au
-- milieu des mots) sur la clé `recherche` des établissements, organisations et personnes, déjà
-- sans accents ni majuscules (texte::cle_recherche). Index « à contenu externe » : il ne garde
-- que les trigrammes, le texte reste dans la table ; des déclencheurs le tiennent à jour, quelle
-- que soit la connexion qui écrit (fenêtre, import, ligne de commande, outil extérieur).
-- Numérotée 12 : la 11 est l'import de l'annuaire officiel.

CREATE VIRTUAL TABLE etablissement_fts USING fts5(
    recherche, content = 'etablissement', content_rowid = 'id', tokenize = 'trigram');
CREATE VIRTUAL TABLE organisation_fts USING fts5(
    recherche, content = 'organisation', content_rowid = 'id', tokenize = 'trigram');
CREATE VIRTUAL TABLE personne_fts USING fts5(
    recherche, content = 'personne', content_rowid = 'id', tokenize = 'trigram');

CREATE TRIGGER etablissement_fts_ajout AFTER INSERT ON etablissement BEGIN
    INSERT INTO etablissement_fts (rowid, recherche) VALUES (new.id, new.recherche);
END;
CREATE TRIGGER etablissement_fts_retrait AFTER DELETE ON etablissement BEGIN
    INSERT INTO etablissement_fts (etablissement_fts, rowid, recherche) VALUES ('delete', old.id, old.recherche);
END;
CREATE TRIGGER etablissement_fts_modif AFTER UPDATE OF id, recherche ON etablissement BEGIN
    INSERT INTO etablissement_fts (etablissement_fts, rowid, recherche) VALUES ('delete', old.id, old.recherche);
    INSERT INTO etablissement_fts (rowid, recherche) VALUES (new.id, new.recherche);
END;

CREATE TRIGGER organisation_fts_ajout AFTER INSERT ON organisation BEGIN
    INSERT INTO organisation_fts (rowid, recherche) VALUES (new.id, new.recherche);
END;
CREATE TRIGGER organisation_fts_retrait AFTER DELETE ON organisation BEGIN
    INSERT INTO organisation_fts (organisation_fts, rowid, recherche) VALUES ('delete', old.id, old.recherche);
END;
CREATE TRIGGER organisation_fts_modif AFTER UPDATE OF id, recherche ON organisation BEGIN
    INSERT INTO organisation_fts (organisation_fts, rowid, recherche) VALUES ('delete', old.id, old.recherche);
    INSERT INTO organisation_fts (rowid, recherche) VALUES (new.id, new.recherche);
END;

CREATE TRIGGER personne_fts_ajout AFTER INSERT ON personne BEGIN
    INSERT INTO personne_fts (rowid, recherche) VALUES (new.id, new.recherche);
END;
CREATE TRIGGER personne_fts_retrait AFTER DELETE ON personne BEGIN
    INSERT INTO personne_fts (personne_fts, rowid, recherche) VALUES ('delete', old.id, old.recherche);
END;
CREATE TRIGGER personne_fts_modif AFTER UPDATE OF id, recherche ON personne BEGIN
    INSERT INTO personne_fts (personne_fts, rowid, recherche) VALUES ('delete', old.id, old.recherche);
    INSERT INTO personne_fts (rowid, recherche) VALUES (new.id, new.recherche);
END;

-- Les fiches déjà saisies entrent dans l'index.
INSERT INTO etablissement_fts (etablissement_fts) VALUES ('rebuild');
INSERT INTO organisation_fts (organisation_fts) VALUES ('rebuild');
INSERT INTO personne_fts (personne_fts) VALUES ('rebuild');

-- La liste des personnes se trie par nom et prénom : la clé `recherche` commence par eux
-- (nom, prénom, fonction, courriel, normalisés), son index donne la première page sans trier
-- les 100 000 fiches.
CREATE INDEX personne_recherche ON personne(recherche);
