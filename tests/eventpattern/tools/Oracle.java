import software.amazon.event.ruler.Machine;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.*;
import java.util.*;

public class Oracle {
    public static void main(String[] args) throws Exception {
        ObjectMapper om = new ObjectMapper();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, "UTF-8"));
        PrintStream out = new PrintStream(System.out, true, "UTF-8");
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isBlank()) continue;
            JsonNode n = om.readTree(line);
            String pattern = n.get("pattern").isTextual() ? n.get("pattern").asText() : om.writeValueAsString(n.get("pattern"));
            String event = n.get("event").isTextual() ? n.get("event").asText() : om.writeValueAsString(n.get("event"));
            String result;
            try {
                Machine m = new Machine();
                m.addRule("r", pattern);
                try {
                    List<String> r = m.rulesForJSONEvent(event);
                    result = r.isEmpty() ? "false" : "true";
                } catch (Throwable e) {
                    result = "error:" + e.getClass().getSimpleName() + ":" + e.getMessage();
                }
            } catch (Throwable e) {
                result = "invalid:" + e.getMessage();
            }
            out.println(result.replace("\n", " "));
        }
    }
}
