-- Une création en masse (import ou paquet de plus de 5 000 lignes dans une table) est notée au
-- journal une fois pour la table : les lignes `ligne` à `derniere_ligne`. Noter chacune avec
-- sa copie JSON triplait la durée d'un import de 100 000 actions, et rien ne s'y perd : les
-- valeurs d'une fiche à sa création sont celles qu'elle a encore, ou l'« avant » du premier
-- changement noté ensuite (journal/plages.rs).
ALTER TABLE journal ADD COLUMN derniere_ligne INTEGER;
CREATE INDEX journal_plages ON journal(table_nom, ligne) WHERE derniere_ligne IS NOT NULL;
