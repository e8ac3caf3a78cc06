package dev.justsaying.restaurantstatus.restaurant;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** The restaurants table: reads, and the status change as one statement for many restaurants. */
@Repository
public class RestaurantRepository {

    private static final RowMapper<Restaurant> ROW = (rs, row) -> new Restaurant(
            rs.getLong("id"), rs.getString("name"), rs.getString("phone"),
            RestaurantStatus.valueOf(rs.getString("status")), rs.getTimestamp("updated_at").toInstant());

    private final JdbcTemplate jdbc;

    public RestaurantRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Restaurant> find(long id) {
        return jdbc.query("SELECT id, name, phone, status, updated_at FROM restaurants WHERE id = ?", ROW, id)
                .stream().findFirst();
    }

    /** Those of {@code ids} that name no restaurant, in order. */
    public Set<Long> missing(Collection<Long> ids) {
        Set<Long> missing = new TreeSet<>(ids);
        missing.removeAll(jdbc.queryForList("SELECT id FROM restaurants WHERE id = ANY(?)", Long.class,
                new Object[] {array(ids)}));
        return missing;
    }

    /**
     * Sets the status of every restaurant in {@code ids} in one statement (the original article's batched SQL) and
     * returns the updated rows.
     */
    public List<Restaurant> changeStatus(Collection<Long> ids, RestaurantStatus status) {
        return jdbc.query("""
                UPDATE restaurants SET status = ?, updated_at = now() WHERE id = ANY(?)
                RETURNING id, name, phone, status, updated_at""", ROW, status.name(), array(ids));
    }

    /** PostgreSQL's JDBC driver sends a {@code Long[]} as a {@code bigint[]} parameter. */
    private static Long[] array(Collection<Long> ids) {
        return ids.toArray(Long[]::new);
    }
}
